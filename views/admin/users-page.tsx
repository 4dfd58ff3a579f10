import { Notices } from '../components/form'
import { formatDateTime } from '../../src/lib/format'
import { DataTable, TableFilters, FilterInput, FilterSelect, SortHeader, TablePager, tableHref, type TableState } from '../components/data-table'

export type AdminUserItem = { id: string; name: string; email: string; role: string; admin_role: string | null; clinic_id?: string | null; status: string; email_verified: boolean; created_at: string }

const ROLE_LABELS: Record<string, string> = { patient: 'Patient', doctor: 'Doctor', admin: 'Admin' }
export const roleLabel = (u: { role: string; admin_role: string | null }) => (u.admin_role ? `Admin (${u.admin_role})` : (ROLE_LABELS[u.role] ?? u.role))

// The users table: find people by name or email, filter, sort, page, export what matches.
export function UsersPage({ items, state, nextCursor, timezone, error, canInvite }: { items: AdminUserItem[]; state: TableState; nextCursor: string | null; timezone: string; error?: string; canInvite: boolean }) {
  const base = '/admin/users'
  return (
    <section id="table-page" aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      {canInvite ? (
        <p>
          <a href="/admin/users/invite">Invite an admin</a>
        </p>
      ) : null}
      <Notices error={error} />
      <TableFilters base={base} label="Find users" exportHref={tableHref('/api/v1/admin/users.csv', { ...state, cursor: undefined })}>
        <FilterInput name="q" label="Name or email" type="search" value={state.q} />
        <FilterSelect name="role" label="Role" value={state.role} options={[['', 'Any'], ['patient', 'Patient'], ['doctor', 'Doctor'], ['admin', 'Admin']]} />
        <FilterSelect name="status" label="Status" value={state.status} options={[['', 'Any'], ['active', 'Active'], ['deactivated', 'Deactivated']]} />
        <FilterSelect name="verified" label="Email confirmed" value={state.verified} options={[['', 'Either'], ['yes', 'Yes'], ['no', 'No']]} />
        <FilterInput name="from" label="Joined from" type="date" value={state.from} />
        <FilterInput name="to" label="Joined until" type="date" value={state.to} />
        <FilterSelect name="sort" label="Sort by" value={state.sort} options={[['created', 'Joined'], ['name', 'Name'], ['email', 'Email']]} />
        <FilterSelect name="dir" label="Order" value={state.dir} options={[['desc', 'Newest / Z–A first'], ['asc', 'Oldest / A–Z first']]} />
      </TableFilters>
      {items.length === 0 ? (
        <p class="empty">No user matches these filters.</p>
      ) : (
        <DataTable
          caption="Users"
          head={
            <>
              <SortHeader label="Name" column="name" base={base} state={state} />
              <SortHeader label="Email" column="email" base={base} state={state} />
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <SortHeader label="Joined" column="created" base={base} state={state} />
            </>
          }
        >
          {items.map((u) => (
            <tr>
              <td>
                <a href={`/admin/users/${u.id}`}>{u.name}</a>
              </td>
              <td data-label="Email">
                {u.email}
                {u.email_verified ? null : <span class="muted small"> (not confirmed)</span>}
              </td>
              <td data-label="Role">{roleLabel(u)}</td>
              <td data-label="Status">{u.status === 'active' ? 'Active' : <strong>Deactivated</strong>}</td>
              <td data-label="Joined">
                <time datetime={u.created_at}>{formatDateTime(new Date(u.created_at), timezone)}</time>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <TablePager base={base} state={state} nextCursor={nextCursor} />
    </section>
  )
}
