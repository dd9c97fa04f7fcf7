/**
 * Background jobs (GET /jobs/{id}, POST /jobs/{id}/cancel): long work such as a large import runs
 * off the request, and the page follows its progress. Contract: docs/openapi.yaml.
 */
import { http, type Problem } from './http'

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled'

export interface Job<Result = unknown> {
  id: string
  kind: string
  status: JobStatus
  /** How far: `done` of `total` `unit` (e.g. rows); `total` null when unknown. */
  done: number
  total: number | null
  unit: string
  /** 0–100, null when the total is unknown. */
  percent: number | null
  cancelRequested: boolean
  result: Result | null
  problem: Problem | null
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
}

export const isFinished = (job: Pick<Job, 'status'>) =>
  job.status === 'succeeded' || job.status === 'failed' || job.status === 'cancelled'

export function getJob<Result>(id: string, signal?: AbortSignal): Promise<Job<Result>> {
  return http.get(`/jobs/${encodeURIComponent(id)}`, { signal })
}

export function cancelJob(id: string): Promise<Job> {
  return http.post(`/jobs/${encodeURIComponent(id)}/cancel`)
}

/** Polls a job every `intervalMs` until it has finished; `onProgress` sees every state on the way. */
export async function followJob<Result>(
  job: Job<Result>,
  onProgress: (job: Job<Result>) => void = () => {},
  { intervalMs = 500, signal }: { intervalMs?: number; signal?: AbortSignal } = {},
): Promise<Job<Result>> {
  let current = job
  onProgress(current)
  while (!isFinished(current)) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
    current = await getJob<Result>(job.id, signal)
    onProgress(current)
  }
  return current
}
