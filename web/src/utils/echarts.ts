/**
 * ECharts, registered once with only what the pages use (bar, line and gauge
 * charts on a grid with tooltips and legends, drawn on canvas), so the bundle
 * does not carry all of ECharts. Pages import `VChart` from here rather than
 * from vue-echarts directly.
 */
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, GaugeChart, LineChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import VChart from 'vue-echarts'

use([CanvasRenderer, BarChart, GaugeChart, LineChart, GridComponent, LegendComponent, TooltipComponent])

export { VChart }
