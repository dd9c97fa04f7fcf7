import { ref, shallowRef, toRaw } from 'vue'
import { ElMessage, type UploadFile, type UploadUserFile } from 'element-plus'

export interface SingleFileRules {
  /** Whether a file of this name is of an accepted kind. */
  accepts: (name: string) => boolean
  /** Shown when another kind of file is chosen. */
  wrongType: string
  /** No limit when absent. */
  maxBytes?: number
  /** Shown when the file is larger than maxBytes. */
  tooLarge?: string
  /** Called whenever a file is chosen (to clear an earlier refusal). */
  onChoose?: () => void
}

/**
 * One file chosen in an `el-upload` that does not upload by itself (the page sends it with its
 * own request): a file of the wrong kind or size is refused on the spot and the previous choice
 * kept. Bind `fileList`, `onFileChange` and `onFileRemove` to the el-upload; read `file`.
 */
export function useSingleFile(rules: SingleFileRules) {
  const fileList = ref<UploadUserFile[]>([])
  // The chosen file, unwrapped: a reactive proxy of a File is not a Blob to fetch (it would send
  // "[object File]"), so it is kept out of Vue's deep reactivity.
  const file = shallowRef<File | null>(null)
  const fileError = ref('')

  function refuse(uploadFile: UploadFile, message: string) {
    fileList.value = file.value ? fileList.value.filter((f) => f.uid !== uploadFile.uid) : []
    ElMessage.warning(message)
  }

  function onFileChange(uploadFile: UploadFile) {
    rules.onChoose?.()
    if (!rules.accepts(uploadFile.name)) return refuse(uploadFile, rules.wrongType)
    if (rules.maxBytes !== undefined && (uploadFile.size ?? 0) > rules.maxBytes) return refuse(uploadFile, rules.tooLarge ?? '')
    fileList.value = [uploadFile]
    file.value = uploadFile.raw ? toRaw(uploadFile.raw) : null
    fileError.value = ''
  }

  function onFileRemove() {
    file.value = null
  }

  function reset() {
    fileList.value = []
    file.value = null
    fileError.value = ''
  }

  return { fileList, file, fileError, onFileChange, onFileRemove, reset }
}
