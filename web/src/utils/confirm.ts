// The two halves of every row action (停用, 撤回, 吊销, 上架 …): RuoYi's confirmation box, and the
// call with its success message or the server's refusal as an error message.
import { ElMessage, ElMessageBox } from 'element-plus'
import { problemOf } from '@/api/http'

export interface ConfirmOptions {
  /** The box's icon: 'warning' unless said. */
  type?: 'warning' | 'info'
  /** A red confirm button, for what cannot be undone. */
  danger?: boolean
}

/** Asks `message` in a box titled `title` with the buttons `confirmText` / 取消: true when confirmed. */
export async function confirmed(message: string, title: string, confirmText: string, options: ConfirmOptions = {}): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, {
      type: options.type ?? 'warning',
      confirmButtonText: confirmText,
      cancelButtonText: '取消',
      ...(options.danger ? { confirmButtonClass: 'el-button--danger' } : {}),
    })
    return true
  } catch {
    return false
  }
}

/** Shows a failed request's problem (its detail, else its title) as an error message. */
export function showProblem(err: unknown) {
  const p = problemOf(err)
  ElMessage.error(p.detail || p.title)
  return p
}

/** Runs `call`; says `done` when it succeeds, shows the server's refusal when not. True when it succeeded. */
export async function act(call: () => Promise<unknown>, done: string): Promise<boolean> {
  try {
    await call()
    ElMessage.success(done)
    return true
  } catch (err) {
    showProblem(err)
    return false
  }
}
