import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

const SIDEBAR_KEY = 'jinfu.sidebarCollapsed'

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(SIDEBAR_KEY) === '1'
  } catch {
    // Storage can be disabled (private mode, strict policies); the default is fine.
    return false
  }
}

export const useAppStore = defineStore('app', () => {
  const sidebarCollapsed = ref(readCollapsed())

  watch(sidebarCollapsed, (value) => {
    try {
      localStorage.setItem(SIDEBAR_KEY, value ? '1' : '0')
    } catch {
      /* see readCollapsed */
    }
  })

  function toggleSidebar() {
    sidebarCollapsed.value = !sidebarCollapsed.value
  }

  return { sidebarCollapsed, toggleSidebar }
})
