import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import { Calendar, HomeFilled, Postcard, Tools } from '@element-plus/icons-vue'
import Layout from '@/layout/index.vue'

/**
 * The single source of truth for pages *and* the sidebar menu: a route with
 * `meta.title` shows up in the menu (unless `meta.hidden`), a parent with a
 * title becomes a submenu. To add a page, add a child route here.
 *
 * Icons are marked raw because route meta is exposed through reactive route
 * objects, and a reactive component definition makes Vue warn and re-render.
 */
export const routes: RouteRecordRaw[] = [
  {
    path: '/',
    component: Layout,
    children: [
      {
        path: '',
        name: 'Home',
        component: () => import('@/views/home/index.vue'),
        meta: { title: '首页', icon: markRaw(HomeFilled) },
      },
    ],
  },
  {
    path: '/tools',
    component: Layout,
    redirect: '/tools/uscc',
    meta: { title: '工具箱', icon: markRaw(Tools) },
    children: [
      {
        path: 'uscc',
        name: 'ToolUscc',
        component: () => import('@/views/tools/uscc.vue'),
        meta: { title: '信用代码校验', icon: markRaw(Postcard) },
      },
      {
        path: 'calendar',
        name: 'ToolCalendar',
        component: () => import('@/views/tools/calendar.vue'),
        meta: { title: '工作日计算', icon: markRaw(Calendar) },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'NotFound',
    component: () => import('@/views/error/404.vue'),
    meta: { title: '页面不存在', hidden: true },
  },
]
