import { describe, expect, it, vi } from 'vitest'
import { ElMessage, ElMessageBox } from 'element-plus'
import { ApiError } from '@/api/http'
import { act, confirmed } from './confirm'

describe('confirmed', () => {
  it('asks with 取消 beside the given button, red where danger, and says whether the user confirmed', async () => {
    const confirm = vi.spyOn(ElMessageBox, 'confirm').mockResolvedValueOnce('confirm' as never)
    expect(await confirmed('确认吊销吗？', '吊销令牌', '吊销', { danger: true })).toBe(true)
    expect(confirm).toHaveBeenLastCalledWith('确认吊销吗？', '吊销令牌', {
      type: 'warning',
      confirmButtonText: '吊销',
      cancelButtonText: '取消',
      confirmButtonClass: 'el-button--danger',
    })
    confirm.mockRejectedValueOnce('cancel')
    expect(await confirmed('确认发布吗？', '发布', '发布', { type: 'info' })).toBe(false)
    expect(confirm).toHaveBeenLastCalledWith('确认发布吗？', '发布', { type: 'info', confirmButtonText: '发布', cancelButtonText: '取消' })
    confirm.mockRestore()
  })
})

describe('act', () => {
  it('says done when the call succeeds, the problem when it fails', async () => {
    const success = vi.spyOn(ElMessage, 'success').mockImplementation((() => undefined) as never)
    const error = vi.spyOn(ElMessage, 'error').mockImplementation((() => undefined) as never)
    expect(await act(() => Promise.resolve(), '已停用')).toBe(true)
    expect(success).toHaveBeenCalledWith('已停用')
    const refusal = new ApiError({ type: 'about:blank', title: '冲突', status: 409, detail: '已被他人修改' })
    expect(await act(() => Promise.reject(refusal), '已停用')).toBe(false)
    expect(error).toHaveBeenCalledWith('已被他人修改')
    success.mockRestore()
    error.mockRestore()
  })
})
