/**
 * ECharts for 对接总览: the shared registration (`@/utils/echarts`: bar, line, gauge, grid,
 * tooltip, legend) plus the funnel chart only this page draws, registered here so the other
 * chart pages do not carry it.
 */
import { use } from 'echarts/core'
import { FunnelChart } from 'echarts/charts'
import { VChart } from '@/utils/echarts'

use([FunnelChart])

export { VChart }
