import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ScorecardRules from './ScorecardRules.vue'
import { ARTIFACT } from './fixtures'

async function mountRules(props: Record<string, unknown>) {
  const wrapper = mount(ScorecardRules, { props: props as never, attachTo: document.body })
  await flushPromises()
  return wrapper
}

describe('ScorecardRules', () => {
  it('gives each grade its interval within the card’s range and marks unreachable grades', async () => {
    // The fixture's two features give 305–360 points: only E is reachable.
    const wrapper = await mountRules({ artifact: ARTIFACT })
    const rows = wrapper.find('[data-testid="scorecard-grades"]').findAll('.el-table__body tr')
    expect(rows.map((r) => r.findAll('td').at(-1)!.text())).toEqual([
      '不可达（高于最高分）',
      '不可达（高于最高分）',
      '不可达（高于最高分）',
      '不可达（高于最高分）',
      '305 – 360',
    ])
    const wide = await mountRules({ artifact: ARTIFACT, minScore: 260, maxScore: 860 })
    const texts = wide.find('[data-testid="scorecard-grades"]').findAll('.el-table__body tr').map((r) => r.findAll('td').at(-1)!.text())
    expect(texts).toEqual(['720 – 860', '640 – 719', '560 – 639', '480 – 559', '260 – 479'])
  })

  it('shows the training figures and information values of a trained card', async () => {
    const artifact = {
      ...ARTIFACT,
      method: 'woe_logistic',
      training: {
        auc: 0.7595,
        badRate: 0.4012,
        development: { auc: 0.8348, ks: 0.5325, sample: 493 },
        informationValue: { tax_paid_12m: 1.5787 },
        dropped: [{ feature: 'patents', zh: '专利数', reason: '信息值 0.0020 低于 0.02' }],
        nonMonotonic: ['tax_paid_12m'],
      },
    }
    const wrapper = await mountRules({ artifact })
    const training = wrapper.find('[data-testid="scorecard-training"]').text()
    for (const text of ['0.7595', '40.12%', '开发样本', 'AUC 0.8348 · KS 0.5325 · 样本量 493']) expect(training).toContain(text)
    expect(training).not.toContain('patents')
    expect(wrapper.find('[data-testid="scorecard-features"]').text()).toContain('IV 1.579')
    // The features left out, each with its reason; a feature with one turn says so.
    expect(wrapper.find('[data-testid="scorecard-dropped"]').text()).toContain('专利数信息值 0.0020 低于 0.02')
    expect(wrapper.find('[data-testid="scorecard-features"]').text()).toContain('非单调（一个拐点）')
  })
})
