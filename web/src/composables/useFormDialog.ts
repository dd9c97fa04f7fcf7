/**
 * RuoYi's add/edit dialog in one place: open for a new record or an existing one, the form model,
 * the submitting flag, and the server's field errors (422) shown under their fields. `submit`
 * runs the save and closes the dialog when it worked; any other problem is handed back to the
 * caller (as `problem`) for a <ProblemAlert> in the dialog.
 *
 * A dialog that is a component of its own passes its `v-model` (defineModel) as `visible`, and
 * calls `open` when that turns true.
 */
import { reactive, ref, type Ref, type UnwrapRef } from 'vue'
import type { FormInstance } from 'element-plus'
import { fieldErrorsOf, problemOf, type Problem } from '@/api/http'

export interface FormDialogOptions {
  /** The dialog's own v-model, when the dialog is a component (defineModel). */
  visible?: Ref<boolean>
}

export interface SubmitOptions<T = unknown> {
  /**
   * Puts a refusal that is not a 422 under its field (e.g. 409 name_taken under the name), or
   * maps the server's field names onto the form's.
   */
  moreFieldErrors?: (err: unknown) => Record<string, string>
  /**
   * The fields the form shows server errors at: an error for none of them goes to `problem`.
   * Without it, any field error counts as shown.
   */
  fields?: readonly string[]
  /** What the alert says, given whether field errors were shown (default: only when none were). */
  problemFor?: (err: unknown, shownAtFields: boolean) => Problem | null
  /** Stay open after a successful save (a dialog that shows the result in place). */
  keepOpen?: boolean
  /** Checks run before saving (client-side rules): false stops the submit. */
  check?: () => boolean | Promise<boolean>
  /** After a successful save (and the dialog closed): what `save` resolved to, e.g. the new record. */
  onSaved?: (saved: T) => void
}

/** An el-form's rules as a check for `submit`: true when every rule holds. */
export const formValid = (form: Ref<FormInstance | undefined>) => async () =>
  (await form.value?.validate().catch(() => false)) ?? false

export function useFormDialog<F extends object, M extends string = 'create' | 'edit'>(
  blank: () => F,
  options: FormDialogOptions = {},
) {
  const visible = options.visible ?? ref(false)
  const mode = ref<M>()
  const form = reactive(blank()) as UnwrapRef<F>
  const submitting = ref(false)
  const fieldErrors = ref<Record<string, string>>({})
  const problem = ref<Problem | null>(null)

  /** Opens the dialog on a fresh form, or on `values` laid over it. */
  function open(as: M, values: Partial<F> = {}) {
    Object.assign(form as object, blank(), values)
    mode.value = as
    fieldErrors.value = {}
    problem.value = null
    visible.value = true
  }

  function close() {
    visible.value = false
  }

  /**
   * Runs `save` (after `check`); on success closes the dialog and resolves true. A 422 fills
   * `fieldErrors` (by field name), anything else `problem`; both resolve false. A function as
   * second argument is `moreFieldErrors`.
   */
  async function submit<T>(
    save: (form: UnwrapRef<F>) => Promise<T>,
    how: SubmitOptions<T> | SubmitOptions['moreFieldErrors'] = {},
  ): Promise<boolean> {
    const opts: SubmitOptions<T> = typeof how === 'function' ? { moreFieldErrors: how } : how
    if (submitting.value) return false
    fieldErrors.value = {}
    problem.value = null
    if (opts.check && !(await opts.check())) return false
    submitting.value = true
    let saved: T
    try {
      saved = await save(form)
      if (!opts.keepOpen) visible.value = false
    } catch (err) {
      const errors = { ...(opts.moreFieldErrors?.(err) ?? {}), ...fieldErrorsOf(err) }
      fieldErrors.value = errors
      const fields = opts.fields
      const shown = Object.keys(errors).some((f) => !fields || fields.includes(f))
      problem.value = opts.problemFor ? opts.problemFor(err, shown) : shown ? null : problemOf(err)
      return false
    } finally {
      submitting.value = false
    }
    opts.onSaved?.(saved)
    return true
  }

  return { visible, mode, form, submitting, fieldErrors, problem, open, close, submit }
}
