import { markRaw } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import {
  Bell,
  Briefcase,
  Calendar,
  Coin,
  EditPen,
  Goods,
  List,
  Odometer,
  Operation,
  Warning,
  Collection,
  DataAnalysis,
  Document,
  Files,
  Histogram,
  HomeFilled,
  Key,
  Lock,
  Medal,
  Money,
  OfficeBuilding,
  Postcard,
  Search,
  Setting,
  Shop,
  Stamp,
  Tickets,
  Timer,
  Tools,
  TrendCharts,
  User,
} from '@element-plus/icons-vue'
import Layout from '@/layout/index.vue'

/**
 * The single source of truth for pages *and* the sidebar menu: a route with
 * `meta.title` shows up in the menu (unless `meta.hidden`), a parent with a
 * title becomes a submenu. To add a page, add a child route here.
 *
 * `meta.permission` names the permission a page needs: the menu lists only what
 * the logged-in user may open, and the layout shows the 403 page instead of a
 * page the user may not see. Every page needs a login unless `meta.public`.
 *
 * Icons are marked raw because route meta is exposed through reactive route
 * objects, and a reactive component definition makes Vue warn and re-render.
 */
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'Login',
    component: () => import('@/views/login/index.vue'),
    meta: { title: '登录', hidden: true, public: true },
  },
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
      {
        path: 'profile',
        name: 'Profile',
        component: () => import('@/views/profile/index.vue'),
        meta: { title: '个人中心', icon: markRaw(User), hidden: true },
      },
    ],
  },
  {
    // 企业库: search and profiles. An enterprise's scope is itself, so it gets 我的企业档案 instead
    // of 企业查询; `/registry` goes to the user's first page in the group (see the guard).
    path: '/registry',
    component: Layout,
    meta: { title: '企业库', icon: markRaw(Shop) },
    children: [
      {
        path: 'enterprises',
        name: 'RegistryEnterprises',
        component: () => import('@/views/registry/enterprise/index.vue'),
        meta: {
          title: '企业查询',
          icon: markRaw(Search),
          permission: 'enterprise.read',
          orgKinds: ['operator', 'government', 'bank', 'provider', 'park'],
        },
      },
      {
        path: 'enterprises/:id(\\d+)',
        name: 'RegistryEnterprise',
        component: () => import('@/views/registry/enterprise/profile/index.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { title: '企业档案', hidden: true, permission: 'enterprise.read' },
      },
      {
        // An enterprise's own profile: the id comes from its (single-item) search scope.
        path: 'mine',
        name: 'RegistryMine',
        component: () => import('@/views/registry/enterprise/mine/index.vue'),
        meta: { title: '我的企业档案', icon: markRaw(Tickets), permission: 'enterprise.read', orgKinds: ['enterprise'] },
      },
    ],
  },
  {
    path: '/collect',
    component: Layout,
    redirect: '/collect/catalogue',
    meta: { title: '数据归集', icon: markRaw(DataAnalysis) },
    children: [
      {
        path: 'catalogue',
        name: 'CollectCatalogue',
        component: () => import('@/views/collect/catalogue/index.vue'),
        // What is collected and what each field means: for the departments that send the data and
        // those who run or oversee the collection. The catalogue API itself stays public.
        meta: { title: '数据目录', icon: markRaw(Collection), orgKinds: ['operator', 'government', 'provider'] },
      },
      {
        path: 'batches',
        name: 'CollectBatches',
        component: () => import('@/views/collect/batch/index.vue'),
        meta: { title: '归集批次', icon: markRaw(Files), permission: 'collect.read' },
      },
      {
        path: 'batches/:id(\\d+)',
        name: 'CollectBatch',
        component: () => import('@/views/collect/batch/detail/index.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { title: '批次详情', hidden: true, permission: 'collect.read' },
      },
      {
        path: 'timeliness',
        name: 'CollectTimeliness',
        component: () => import('@/views/collect/timeliness/index.vue'),
        meta: { title: '归集时效', icon: markRaw(Timer), permission: 'collect.read' },
      },
    ],
  },
  {
    path: '/credit',
    component: Layout,
    redirect: '/credit/mine',
    meta: { title: '信用评价', icon: markRaw(Medal) },
    children: [
      {
        // An enterprise's own credit profile: the id comes from its (single-item) search scope.
        path: 'mine',
        name: 'CreditMine',
        component: () => import('@/views/credit/mine/index.vue'),
        meta: { title: '信用画像', icon: markRaw(Medal), permission: 'credit.read', orgKinds: ['enterprise'] },
      },
      {
        // Another enterprise's profile (government credit staff in their region; banks under consent).
        path: 'enterprises/:id(\\d+)',
        name: 'CreditEnterprise',
        component: () => import('@/views/credit/profile/index.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { title: '信用画像', hidden: true, permission: 'credit.read' },
      },
      {
        path: 'distribution',
        name: 'CreditDistribution',
        component: () => import('@/views/credit/distribution/index.vue'),
        meta: { title: '信用分布', icon: markRaw(Histogram), permission: 'credit.stats' },
      },
      {
        path: 'scorecards',
        name: 'CreditScorecards',
        component: () => import('@/views/credit/scorecards/index.vue'),
        meta: { title: '评分卡管理', icon: markRaw(TrendCharts), permission: 'credit.manage' },
      },
    ],
  },
  {
    // 融资对接 (docs/finance-api.md): the enterprise's 产品超市, 发布需求, 我的需求, 我的申请 and 数据授权;
    // the bank's 产品管理, 商机, 申请处理 and 授权企业; the government's 对接总览, 超时督办 and 对接时限.
    // `/finance` itself goes to the first page of the group the user may open (see the guard).
    path: '/finance',
    component: Layout,
    meta: { title: '融资对接', icon: markRaw(Money) },
    children: [
      {
        path: 'products',
        name: 'FinanceProducts',
        component: () => import('@/views/finance/products/index.vue'),
        meta: { title: '产品超市', icon: markRaw(Shop), permission: 'finance.read', orgKinds: ['enterprise', 'government', 'operator'] },
      },
      {
        path: 'publish',
        name: 'FinancePublish',
        component: () => import('@/views/finance/publish/index.vue'),
        meta: { title: '发布需求', icon: markRaw(EditPen), permission: 'demand.manage', orgKinds: ['enterprise'] },
      },
      {
        path: 'demands',
        name: 'FinanceDemands',
        component: () => import('@/views/finance/demands/index.vue'),
        meta: { title: '我的需求', icon: markRaw(Tickets), permission: 'demand.manage', orgKinds: ['enterprise'] },
      },
      {
        path: 'applications',
        name: 'FinanceApplications',
        component: () => import('@/views/finance/applications/index.vue'),
        meta: { title: '我的申请', icon: markRaw(List), permission: 'demand.manage', orgKinds: ['enterprise'] },
      },
      {
        path: 'applications/:id(\\d+)',
        name: 'FinanceApplication',
        component: () => import('@/views/finance/application/index.vue'),
        props: (route) => ({ id: Number(route.params.id) }),
        meta: { title: '申请详情', hidden: true, permission: 'finance.read', activeMenu: '/finance/applications' },
      },
      {
        path: 'consents',
        name: 'FinanceConsents',
        component: () => import('@/views/finance/consents/index.vue'),
        meta: { title: '数据授权', icon: markRaw(Stamp), permission: 'consent.manage', orgKinds: ['enterprise'] },
      },
      {
        path: 'my-products',
        name: 'FinanceBankProducts',
        component: () => import('@/views/finance/bank/products/index.vue'),
        meta: { title: '产品管理', icon: markRaw(Goods), permission: 'product.manage', orgKinds: ['bank'] },
      },
      {
        path: 'opportunities',
        name: 'FinanceOpportunities',
        component: () => import('@/views/finance/bank/opportunities/index.vue'),
        meta: { title: '商机', icon: markRaw(Coin), permission: 'deal.handle', orgKinds: ['bank'] },
      },
      {
        path: 'deals',
        name: 'FinanceDeals',
        component: () => import('@/views/finance/bank/deals/index.vue'),
        meta: { title: '申请处理', icon: markRaw(Operation), permission: 'deal.handle', orgKinds: ['bank'] },
      },
      {
        path: 'deals/:id(\\d+)',
        name: 'FinanceDeal',
        component: () => import('@/views/finance/bank/deal/index.vue'),
        meta: { title: '办理申请', hidden: true, permission: 'deal.handle', activeMenu: '/finance/deals' },
      },
      {
        path: 'authorized',
        name: 'FinanceAuthorized',
        component: () => import('@/views/finance/authorized/index.vue'),
        meta: { title: '授权企业', icon: markRaw(Briefcase), permission: 'consent.read', orgKinds: ['bank'] },
      },
      {
        path: 'overview',
        name: 'FinanceOverview',
        component: () => import('@/views/finance/gov/overview/index.vue'),
        meta: { title: '对接总览', icon: markRaw(Odometer), permission: 'finance.stats' },
      },
      {
        path: 'overdue',
        name: 'FinanceOverdue',
        component: () => import('@/views/finance/gov/overdue/index.vue'),
        meta: { title: '超时督办', icon: markRaw(Warning), permission: 'finance.stats' },
      },
      {
        path: 'settings',
        name: 'FinanceSettings',
        component: () => import('@/views/finance/gov/settings/index.vue'),
        meta: { title: '对接时限', icon: markRaw(Timer), permission: 'finance.manage' },
      },
    ],
  },
  {
    // 站内信: every role's messages; the bell in the navbar shows the unread count.
    path: '/notifications',
    component: Layout,
    meta: { hidden: true },
    children: [
      {
        path: '',
        name: 'Notifications',
        component: () => import('@/views/notifications/index.vue'),
        meta: { title: '站内信', icon: markRaw(Bell), hidden: true },
      },
    ],
  },
  {
    path: '/system',
    component: Layout,
    redirect: '/system/user',
    meta: { title: '系统管理', icon: markRaw(Setting) },
    children: [
      {
        path: 'user',
        name: 'SystemUser',
        component: () => import('@/views/system/user/index.vue'),
        meta: { title: '用户管理', icon: markRaw(User), permission: 'user.read' },
      },
      {
        path: 'org',
        name: 'SystemOrg',
        component: () => import('@/views/system/org/index.vue'),
        meta: { title: '机构管理', icon: markRaw(OfficeBuilding), permission: 'org.read' },
      },
      {
        path: 'role',
        name: 'SystemRole',
        component: () => import('@/views/system/role/index.vue'),
        // The platform's role catalogue: for the operator and the government. Enterprise and bank
        // admins keep role.read for assigning roles in 用户管理, without a page of their own.
        meta: { title: '角色与权限', icon: markRaw(Lock), permission: 'role.read', orgKinds: ['operator', 'government'] },
      },
      {
        path: 'token',
        name: 'SystemToken',
        component: () => import('@/views/system/token/index.vue'),
        meta: { title: '接口令牌', icon: markRaw(Key), permission: 'token.manage' },
      },
      {
        path: 'audit',
        name: 'SystemAudit',
        component: () => import('@/views/system/audit/index.vue'),
        meta: { title: '审计日志', icon: markRaw(Document), permission: 'audit.read' },
      },
    ],
  },
  {
    // Back-office tools (信用代码校验, 工作日计算): not for enterprises and banks.
    path: '/tools',
    component: Layout,
    redirect: '/tools/uscc',
    meta: { title: '工具箱', icon: markRaw(Tools), orgKinds: ['operator', 'government', 'provider'] },
    children: [
      {
        path: 'uscc',
        name: 'ToolUscc',
        component: () => import('@/views/tools/uscc/index.vue'),
        meta: { title: '信用代码校验', icon: markRaw(Postcard) },
      },
      {
        path: 'calendar',
        name: 'ToolCalendar',
        component: () => import('@/views/tools/calendar/index.vue'),
        meta: { title: '工作日计算', icon: markRaw(Calendar) },
      },
    ],
  },
  {
    // 开发者接入: for the developers of banks and departments connecting their systems — how to
    // get and use an API token, and the reference rendered from GET /api/v1/openapi.json.
    path: '/developers',
    name: 'Developers',
    component: () => import('@/views/developers/index.vue'),
    meta: { title: '开发者接入', hidden: true, public: true },
  },
  { path: '/docs', redirect: '/developers' },
  { path: '/api-docs', redirect: '/developers' },
  {
    path: '/:pathMatch(.*)*',
    name: 'NotFound',
    component: () => import('@/views/error/404.vue'),
    meta: { title: '页面不存在', hidden: true, public: true },
  },
]
