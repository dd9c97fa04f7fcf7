/**
 * RuoYi's add/edit dialog in one place: open for a new record or an existing one, the form model,
 * the submitting flag, and the server's field errors (422) shown under their fields. `submit`
 * runs the save and closes the dialog when it worked; any other problem is handed back to the
 * caller (as `problem`) for a <ProblemAlert> in the dialog.
 */
import { reactive, ref, type UnwrapRef } from 'vue'
import { fieldErrorsOf, problemOf, type Problem } from '@/api/http'

export function useFormDialog<F extends object, M extends string = 'create' | 'edit'>(blank: () => F) {
  const visible = ref(false)
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
   * Runs `save`; on success closes the dialog and resolves true. A 422 fills `fieldErrors`
   * (by field name), anything else `problem`; both resolve false. `moreFieldErrors` puts a
   * refusal that is not a 422 under its field (e.g. 409 name_taken under the name).
   */
  async function submit(
    save: (form: UnwrapRef<F>) => Promise<unknown>,
    moreFieldErrors: (err: unknown) => Record<string, string> = () => ({}),
  ): Promise<boolean> {
    if (submitting.value) return false
    submitting.value = true
    fieldErrors.value = {}
    problem.value = null
    try {
      await save(form)
      visible.value = false
      return true
    } catch (err) {
      const errors = { ...moreFieldErrors(err), ...fieldErrorsOf(err) }
      if (Object.keys(errors).length) fieldErrors.value = errors
      else problem.value = problemOf(err)
      return false
    } finally {
      submitting.value = false
    }
  }

  return { visible, mode, form, submitting, fieldErrors, problem, open, close, submit }
}
