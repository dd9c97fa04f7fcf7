import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

const SIDEBAR_KEY = 'jinfu.sidebarCollapsed'
/** Narrower than this the layout is a phone's: the menu is a drawer over the page (as RuoYi). */
export const MOBILE_MAX_WIDTH = 991

function readCollapsed(): boolean {
  try {
    return localStorage.getItem(SIDEBAR_KEY) === '1'
  } catch {
    // Storage can be disabled (private mode, strict policies); the default is fine.
    return false
  }
}

function phoneQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(`(max-width: ${MOBILE_MAX_WIDTH}px)`) : null
}

export const useAppStore = defineStore('app', () => {
  const sidebarCollapsed = ref(readCollapsed())
  /** A phone-sized window: the sidebar leaves the page and opens as a drawer. */
  const mobile = ref(phoneQuery()?.matches ?? false)
  /** On a phone: whether the menu drawer is open. */
  const drawerOpen = ref(false)

  phoneQuery()?.addEventListener?.('change', (e) => {
    mobile.value = e.matches
    drawerOpen.value = false
  })

  watch(sidebarCollapsed, (value) => {
    try {
      localStorage.setItem(SIDEBAR_KEY, value ? '1' : '0')
    } catch {
      /* see readCollapsed */
    }
  })

  /** The hamburger: on a desktop it folds the sidebar, on a phone it opens or closes the drawer. */
  function toggleSidebar() {
    if (mobile.value) drawerOpen.value = !drawerOpen.value
    else sidebarCollapsed.value = !sidebarCollapsed.value
  }

  function closeDrawer() {
    drawerOpen.value = false
  }

  return { sidebarCollapsed, mobile, drawerOpen, toggleSidebar, closeDrawer }
})
