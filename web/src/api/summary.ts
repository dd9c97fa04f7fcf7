import { http } from './http'

export interface Summary {
  enterprises: number
  banks: number
  parks: number
}

export function getSummary(signal?: AbortSignal): Promise<Summary> {
  return http.get<Summary>('/summary', { signal })
}
