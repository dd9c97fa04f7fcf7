import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import { loadDictionaries } from './utils/dict'
// Element Plus components are styled on demand; these are called as functions
// (ElMessage, ElMessageBox), which the component resolver cannot see.
import 'element-plus/theme-chalk/el-overlay.css'
import 'element-plus/theme-chalk/el-message.css'
import 'element-plus/theme-chalk/el-message-box.css'
import './styles/index.css'

// Pinia before the router: the router's login guard reads the user store.
const app = createApp(App).use(createPinia()).use(router)
// Every enum's label comes from the server's one dictionary: load it once, before the first page
// (a failure is not fatal: the labels then show as codes).
void loadDictionaries().finally(() => app.mount('#app'))
