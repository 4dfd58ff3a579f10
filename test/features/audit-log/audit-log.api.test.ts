import { and, eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { cookieFor, postForm, tokenFor } from '../../helpers/auth'
import { expectedForAll, statusesByRole } from '../../helpers/roles'

type Verify = { ok: boolean; checked: number; broken_at: string | null; unsealed: number }

// Changes an audit row as someone with the database could: the trigger dropped, the row
// changed, the trigger put back, in one transaction (nobody else sees the trigger missing).
async function tamper(id: string, action: string) {
  const [trigger] = await testDb().all<{ sql: string }>(sql`select sql from sqlite_master where type = 'trigger' and name = 'audit_log_seal_only'`)
  await testDb().batch([
    testDb().run(sql`drop trigger audit_log_seal_only`),
    testDb().run(sql`update audit_log set action = ${action} where id = ${id}`),
    testDb().run(sql.raw(trigger!.sql)),
  ])
}

describe('the audit log', () => {
  it('is for super and clinic admins; support admins, doctors, patients and visitors are refused', async () => {
    const paths = ['/api/v1/admin/audit?action=auth.', '/api/v1/admin/audit.csv?action=admin.user.deactivated']
    expect(await statusesByRole(paths)).toEqual(expectedForAll(paths, { super: 200, clinic: 200, support: 403, doctor: 403, patient: 403, anonymous: 401 }))
  })

  it('is refused by the database: no row is deleted or changed', async () => {
    const [row] = await testDb().insert(schema.auditLog).values({ action: 'test.immutable' }).returning()
    await expect(testDb().update(schema.auditLog).set({ action: 'test.changed' }).where(eq(schema.auditLog.id, row!.id))).rejects.toThrow()
    await expect(testDb().delete(schema.auditLog).where(eq(schema.auditLog.id, row!.id))).rejects.toThrow()
    expect((await testDb().select().from(schema.auditLog).where(eq(schema.auditLog.id, row!.id)))[0]!.action).toBe('test.immutable')
  })

  it('is a hash chain: the check finds a row changed behind the application’s back, and says which', async () => {
    const token = await tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
    const [row] = await testDb().insert(schema.auditLog).values({ action: 'test.chained', entityType: 'test' }).returning()
    const whole = (await (await callApi(token, '/api/v1/admin/audit/verify')).json()) as Verify
    expect(whole).toMatchObject({ ok: true, broken_at: null })
    expect(whole.checked).toBeGreaterThan(0)
    const [sealed] = await testDb().select().from(schema.auditLog).where(eq(schema.auditLog.id, row!.id))
    expect(sealed!.hash).toMatch(/^[0-9a-f]{64}$/)
    // A sealed row cannot be re-sealed either.
    await expect(testDb().update(schema.auditLog).set({ hash: 'f'.repeat(64) }).where(eq(schema.auditLog.id, row!.id))).rejects.toThrow()

    await tamper(row!.id, 'test.innocent')
    try {
      expect((await (await callApi(token, '/api/v1/admin/audit/verify')).json()) as Verify).toMatchObject({ ok: false, broken_at: row!.id })
    } finally {
      await tamper(row!.id, 'test.chained')
    }
    expect(((await (await callApi(token, '/api/v1/admin/audit/verify')).json()) as Verify).ok).toBe(true)
  })

  it('filters by action, actor and whose data, pages newest first, and exports every match', async () => {
    const admin = await createUser({ role: 'admin', adminRole: 'super' })
    const token = await tokenFor(admin)
    const subject = await createUser({ role: 'patient' })
    await testDb()
      .insert(schema.auditLog)
      .values(Array.from({ length: 60 }, (_, i) => ({ action: 'record.read', actorUserId: admin.id, subjectUserId: subject.id, entityType: 'patient_record', createdAt: new Date(Date.now() - i * 1000) })))
    const first = (await (await callApi(token, `/api/v1/admin/audit?subject=${subject.id}&action=record.`)).json()) as { items: { at: string; actor: { id: string } }[]; next_cursor: string }
    expect(first.items).toHaveLength(50)
    expect(first.items.every((e) => e.actor.id === admin.id)).toBe(true)
    expect(new Date(first.items[0]!.at) >= new Date(first.items[1]!.at)).toBe(true)
    const second = (await (await callApi(token, `/api/v1/admin/audit?subject=${subject.id}&action=record.&cursor=${first.next_cursor}`)).json()) as { items: unknown[]; next_cursor: null }
    expect(second.items).toHaveLength(10)
    const csv = await (await callApi(token, `/api/v1/admin/audit.csv?subject=${subject.id}`)).text()
    expect(csv.trimEnd().split('\r\n')).toHaveLength(61)
    // Exporting is itself written down.
    expect(await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.actorUserId, admin.id), eq(schema.auditLog.action, 'admin.audit.exported')))).toHaveLength(1)
  })

  it('shows the page and the chain check without JavaScript', async () => {
    const cookie = await cookieFor(await createUser({ role: 'admin', adminRole: 'super' }))
    await testDb().insert(schema.auditLog).values({ action: 'test.page_view' })
    const html = await (await fetchApp('/admin/audit?action=test.page&actor=', { headers: { cookie } })).text()
    expect(html).toContain('<caption>Audit log, newest first</caption>')
    expect(html).toContain('value="test.page"')
    expect(html).toContain('<code>test.page_view</code>')
    const checked = await postForm('/admin/audit/verify', cookie, {})
    expect(checked.status).toBe(200)
    expect(await checked.text()).toContain('The chain is whole')
  })
})
