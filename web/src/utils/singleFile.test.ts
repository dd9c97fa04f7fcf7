import { afterEach, describe, expect, it, vi } from 'vitest'
import { ElMessage, type UploadFile } from 'element-plus'
import { useSingleFile } from './singleFile'

function upload(name: string, size: number, uid: number): UploadFile {
  const raw = Object.assign(new File(['x'], name), { uid }) as UploadFile['raw']
  return { name, size, uid, raw, status: 'ready' } as UploadFile
}

describe('useSingleFile', () => {
  afterEach(() => vi.restoreAllMocks())

  it('keeps one accepted file and refuses the wrong kind or size, keeping the previous choice', () => {
    const warn = vi.spyOn(ElMessage, 'warning').mockImplementation(() => ({ close() {} }) as never)
    const chosen = vi.fn()
    const f = useSingleFile({
      accepts: (n) => /\.csv$/i.test(n),
      wrongType: '请选择 .csv 文件',
      maxBytes: 100,
      tooLarge: '文件太大',
      onChoose: chosen,
    })
    f.fileError.value = '请选择文件'
    const good = upload('贷款结果.CSV', 50, 1)
    f.onFileChange(good)
    expect(f.file.value?.name).toBe('贷款结果.CSV')
    expect(f.fileList.value).toEqual([good])
    expect(f.fileError.value).toBe('')

    const json = upload('card.json', 10, 2)
    f.fileList.value = [good, json]  // el-upload appends before calling on-change
    f.onFileChange(json)
    expect(warn).toHaveBeenLastCalledWith('请选择 .csv 文件')
    expect(f.fileList.value).toEqual([good])
    expect(f.file.value?.name).toBe('贷款结果.CSV')

    const big = upload('big.csv', 101, 3)
    f.fileList.value = [good, big]
    f.onFileChange(big)
    expect(warn).toHaveBeenLastCalledWith('文件太大')
    expect(f.file.value?.name).toBe('贷款结果.CSV')
    expect(chosen).toHaveBeenCalledTimes(3)

    f.onFileRemove()
    expect(f.file.value).toBeNull()
    f.reset()
    expect(f.fileList.value).toEqual([])
  })

  it('without a limit takes any size', () => {
    const f = useSingleFile({ accepts: () => true, wrongType: '' })
    f.onFileChange(upload('huge.xlsx', 10 ** 9, 1))
    expect(f.file.value?.name).toBe('huge.xlsx')
  })
})
