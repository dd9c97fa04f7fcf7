/**
 * ECharts, registered once with only what the pages use (bar charts on a grid
 * with tooltips, drawn on canvas), so the bundle does not carry all of ECharts.
 * Pages import `VChart` from here rather than from vue-echarts directly.
 */
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart } from 'echarts/charts'
import { GridComponent, TooltipComponent } from 'echarts/components'
import VChart from 'vue-echarts'

use([CanvasRenderer, BarChart, GridComponent, TooltipComponent])

export { VChart }
