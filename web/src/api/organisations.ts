import { http, type Page } from './http'

export type OrgKind = 'operator' | 'government' | 'bank' | 'enterprise' | 'provider' | 'park'

export interface Organisation {
  id: number
  kind: OrgKind
  name: string
  shortName: string | null
  regionCode: string
  parentId: number | null
  uscc: string | null
  disabled: boolean
  createdAt: string
}

export interface OrganisationQuery {
  page?: number
  pageSize?: number
  q?: string
  kind?: OrgKind
  regionCode?: string
}

export interface NewOrganisation {
  kind: OrgKind
  name: string
  shortName?: string
  regionCode: string
  parentId?: number
  uscc?: string
}

export type OrganisationPatch = Partial<{ name: string; shortName: string; regionCode: string; disabled: boolean }>

export function listOrganisations(query: OrganisationQuery, signal?: AbortSignal): Promise<Page<Organisation>> {
  return http.get('/organisations', { query: { ...query }, signal })
}

/** Every organisation in the caller's scope (for selects), optionally of one kind; the API caps a page at 100. */
export async function listAllOrganisations(kind?: OrgKind): Promise<Organisation[]> {
  const all: Organisation[] = []
  for (let page = 1; page <= 50; page++) {
    const res = await listOrganisations({ page, pageSize: 100, kind })
    all.push(...res.items)
    if (all.length >= res.total || res.items.length === 0) break
  }
  return all
}

/** listAllOrganisations for a filter's or a form's options: none where they cannot be read. */
export async function organisationOptions(kind?: OrgKind): Promise<Organisation[]> {
  try {
    return await listAllOrganisations(kind)
  } catch {
    return []
  }
}

export function createOrganisation(body: NewOrganisation): Promise<Organisation> {
  return http.post('/organisations', body)
}

export function updateOrganisation(id: number, patch: OrganisationPatch): Promise<Organisation> {
  return http.patch(`/organisations/${encodeURIComponent(id)}`, patch)
}
