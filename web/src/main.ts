import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
// Element Plus components are styled on demand; these are called as functions
// (ElMessage, ElMessageBox), which the component resolver cannot see.
import 'element-plus/theme-chalk/el-overlay.css'
import 'element-plus/theme-chalk/el-message.css'
import 'element-plus/theme-chalk/el-message-box.css'
import './styles/index.css'

// Pinia before the router: the router's login guard reads the user store.
createApp(App).use(createPinia()).use(router).mount('#app')
