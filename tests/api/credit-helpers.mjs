// Helpers for the credit tests (credit-score, credit-scorecards, credit-stats, authz-matrix): the
// feature codes of docs/credit-api.md, the scorecard artifact's canonical form and checksum, a
// modified copy of an artifact, the bin a value falls in, and the grade a score earns.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { testNowMs } from '../support/clock.mjs';

// The 22 features of the contract, in its order.
export const FEATURE_CODES = [
  'years_established', 'tax_paid_12m', 'tax_paid_24m', 'tax_trend', 'tax_credit_grade', 'insured_count', 'insured_trend',
  'si_arrears_months', 'hf_arrears_months', 'utility_arrears_months', 'penalty_minor_36m', 'penalty_general_36m',
  'penalty_serious_36m', 'enforcement_open', 'dishonest', 'abnormal_listed', 'serious_illegal_listed', 'licences_valid',
  'patents', 'trademarks', 'hightech', 'specialised',
];

// The collection category each feature comes from (the contract's `source` column).
export const FEATURE_SOURCES = {
  years_established: 'registration', tax_paid_12m: 'tax', tax_paid_24m: 'tax', tax_trend: 'tax', tax_credit_grade: 'tax',
  insured_count: 'social_insurance', insured_trend: 'social_insurance', si_arrears_months: 'social_insurance',
  hf_arrears_months: 'housing_fund', utility_arrears_months: 'utilities', penalty_minor_36m: 'penalty',
  penalty_general_36m: 'penalty', penalty_serious_36m: 'penalty', enforcement_open: 'judicial', dishonest: 'judicial',
  abnormal_listed: 'abnormal_list', serious_illegal_listed: 'abnormal_list', licences_valid: 'licence', patents: 'ip',
  trademarks: 'ip', hightech: 'honour', specialised: 'honour',
};

export const UNKNOWN = '未归集';
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+08:00$/;
export const CHECKSUM = /^sha256:[0-9a-f]{64}$/;
export const HAN = /[\u4e00-\u9fff]/;
export const STATUSES = ['candidate', 'active', 'retired'];

// The canonical form of a JSON value: object keys sorted (recursively), no spaces.
export function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// "sha256:<hex>" over the canonical form of the artifact without its `checksum`.
export function checksumOf(artifact) {
  const { checksum, ...rest } = artifact;
  return `sha256:${createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex')}`;
}

// The artifact with its checksum recomputed.
export function sealed(artifact) {
  const { checksum, ...rest } = artifact;
  return { ...rest, checksum: checksumOf(rest) };
}

export const clone = (v) => structuredClone(v);

// A copy of `artifact` as a new version whose feature `featureIndex` scores `shift` more in every
// bin (the best bin stays the best, so every reason stays where it was), with a valid checksum.
export function shiftedCopy(artifact, version, { featureIndex = 0, shift = 10, title = `测试评分卡 ${version}` } = {}) {
  const a = clone(artifact);
  a.version = version;
  a.title = title;
  for (const bin of a.features[featureIndex].bins) bin.points += shift;
  return sealed(a);
}

// The bin of a feature that `value` falls in: the missing bin for null, else [lower, upper).
export function binFor(feature, value) {
  if (value === null) return feature.bins.find((b) => b.missing);
  return feature.bins.find((b) => !b.missing && (b.lower === undefined || b.lower === null || value >= b.lower)
    && (b.upper === undefined || b.upper === null || value < b.upper));
}

export const bestPoints = (feature) => Math.max(...feature.bins.map((b) => b.points));
export const worstPoints = (feature) => Math.min(...feature.bins.map((b) => b.points));

// The lowest and highest score an artifact can give.
export function scoreRange(artifact) {
  const base = artifact.scaling.basePoints;
  return {
    minScore: base + artifact.features.reduce((s, f) => s + worstPoints(f), 0),
    maxScore: base + artifact.features.reduce((s, f) => s + bestPoints(f), 0),
  };
}

// The grade a score earns: the one with the highest minScore it reaches.
export function gradeOf(artifact, score) {
  const reached = artifact.grades.filter((g) => score >= g.minScore);
  assert.ok(reached.length > 0, `score ${score} reaches no grade`);
  return reached.reduce((a, b) => (b.minScore > a.minScore ? b : a));
}

// The per-field problems of a 422 (`errors: [{field, message}]`) as [{path, message}].
export function problemDetails(json) {
  return (json?.errors ?? []).map((d) => ({ path: d.field, message: d.message }));
}

export const sum = (xs) => xs.reduce((s, x) => s + x, 0);

// The month before the suite's current one in Asia/Shanghai, YYYY-MM (the last month of every window).
export function previousMonth(now = new Date(testNowMs())) {
  const sh = new Date(now.getTime() + 8 * 3600 * 1000);
  const y = sh.getUTCFullYear();
  const m = sh.getUTCMonth(); // 0-based: the previous month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

// YYYY-MM shifted by `n` months.
export function addMonths(ym, n) {
  const [y, m] = ym.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}
