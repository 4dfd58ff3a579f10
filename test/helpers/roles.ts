import { tokenFor } from './auth'
import { createClinicAdmin, createDoctor, createUser } from './factories'
import { callApi, fetchApp } from './http'

export type Who = 'super' | 'clinic' | 'support' | 'doctor' | 'patient' | 'anonymous'

// One person of each kind an authorization matrix asks about (a verified doctor; no one for a
// visitor), with a session token each.
async function tokensOfEveryone(): Promise<Record<Who, string | null>> {
  return {
    super: await tokenFor(await createUser({ role: 'admin', adminRole: 'super' })),
    clinic: await tokenFor(await createClinicAdmin()),
    support: await tokenFor(await createUser({ role: 'admin', adminRole: 'support' })),
    doctor: await tokenFor((await createDoctor()).user),
    patient: await tokenFor(await createUser({ role: 'patient' })),
    anonymous: null,
  }
}

/** What a GET of each path answers to each kind of person: `{ path: { super: 200, … } }`. */
export async function statusesByRole(paths: string[]) {
  const tokens = await tokensOfEveryone()
  const table: Record<string, Record<Who, number>> = {}
  for (const path of paths) {
    const row = {} as Record<Who, number>
    for (const [who, token] of Object.entries(tokens) as [Who, string | null][]) row[who] = (token ? await callApi(token, path) : await fetchApp(path)).status
    table[path] = row
  }
  return table
}

/** The same expected answers for every path. */
export const expectedForAll = (paths: string[], statuses: Record<Who, number>) => Object.fromEntries(paths.map((p) => [p, statuses]))
