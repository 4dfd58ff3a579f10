import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { MEMBER_HEADER, type Member, type SocketState } from '../../src/durable-objects/call-room/protocol'
import { toIsoInstant } from '../../src/lib/time'
import { cookieFor, tokenFor } from '../helpers/auth'
import { createDoctor, createUser } from '../helpers/factories'
import { callApi, fetchApp, ORIGIN } from '../helpers/http'
import { callEvents, callPair, callPath, callRoomStub, Client, connect, upgrade, waitFor, type Frame } from '../helpers/fixtures/calls'

const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n'
const CANDIDATE = { candidate: 'candidate:1 1 udp 2122260223 192.0.2.10 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 }
const of = (type: string) => (f: Frame) => f.type === type
const errorBody = async (res: Response) => ((await res.json()) as { error: { code: string; message: string; opens_at?: string } }).error

describe('the call room WebSocket: who may connect', () => {
  it('authorises the upgrade like any route: 401 without a session, 404 for anyone but the two parties, 426 without an upgrade', async () => {
    const { appointment, patient, doctorToken } = await callPair()
    const path = callPath(appointment.id)
    const anonymous = await upgrade(path)
    expect(anonymous.status).toBe(401)
    expect((await errorBody(anonymous)).code).toBe('unauthorized')
    // Another patient, another doctor and an admin: the appointment does not exist for them.
    const otherDoctor = await createDoctor()
    const admin = await createUser({ role: 'admin', adminRole: 'super' })
    for (const stranger of [await createUser(), otherDoctor.user, admin]) {
      const res = await upgrade(path, { token: await tokenFor(stranger) })
      expect(res.status).toBe(404)
      expect((await errorBody(res)).code).toBe('not_found')
    }
    expect((await upgrade(callPath('apt_unknown'), { token: await tokenFor(patient) })).status).toBe(404)
    const plain = await fetchApp(path, { headers: { authorization: `Bearer ${doctorToken}` } })
    expect(plain.status).toBe(426)
    expect((await errorBody(plain)).code).toBe('upgrade_required')
    // A session cookie needs our own Origin (cross-site WebSocket hijacking).
    const cookie = await cookieFor(patient)
    expect((await upgrade(path, { cookie, origin: 'https://evil.example' })).status).toBe(403)
    const ok = await upgrade(path, { cookie, origin: ORIGIN })
    expect(ok.status).toBe(101)
    const client = new Client(ok.webSocket!)
    await client.next(of('ready'))
    client.close()
  })

  it('answers 409 call_not_open, saying when, before the window, after the end and for an unconfirmed appointment', async () => {
    const early = await callPair({ startAt: new Date(Date.now() + 16 * 60_000) })
    const res = await upgrade(callPath(early.appointment.id), { token: early.patientToken })
    expect(res.status).toBe(409)
    const body = await errorBody(res)
    expect(body.code).toBe('call_not_open')
    expect(body.message).toMatch(/^The call opens at \w+day \d+ \w+ \d{4}, \d+:\d\d (AM|PM) \(UTC\)/)
    // CALL_OPENS_MINUTES_BEFORE is 15.
    expect(body.opens_at).toBe(toIsoInstant(new Date(early.appointment.startAt.getTime() - 15 * 60_000)))

    const over = await callPair({ startAt: new Date(Date.now() - 31 * 60_000) })
    const late = await upgrade(callPath(over.appointment.id), { token: over.doctorToken })
    expect(late.status).toBe(409)
    expect((await errorBody(late)).message).toBe('The time for this appointment’s call is over.')

    const pending = await callPair({ status: 'pending' })
    const unconfirmed = await upgrade(callPath(pending.appointment.id), { token: pending.patientToken })
    expect(unconfirmed.status).toBe(409)
    expect((await errorBody(unconfirmed)).message).toBe('The call opens once the doctor has confirmed the appointment.')

    // Just inside the window it opens.
    const soon = await callPair({ startAt: new Date(Date.now() + 14 * 60_000) })
    ;(await connect(soon.appointment.id, soon.patientToken)).close()
  })

  it('refuses a third person, even one the Worker let through, and leaves the two inside undisturbed', async () => {
    const { appointment, patientToken, doctorToken, patient: patientUser, doctorUser } = await callPair()
    const patient = await connect(appointment.id, patientToken)
    const doctor = await connect(appointment.id, doctorToken)
    expect((await upgrade(callPath(appointment.id), { token: await tokenFor(await createUser()) })).status).toBe(404)

    // The room holds one person per role: an identity it is handed for a taken place is refused.
    const intruder: Member = { userId: 'usr_intruder', name: 'Intruder', role: 'patient', appointmentId: appointment.id, closesAt: appointment.endAt.getTime(), sessionId: 'ses_intruder' }
    const refused = await callRoomStub(appointment.id).fetch('https://call-room/connect', { headers: { upgrade: 'websocket', [MEMBER_HEADER]: JSON.stringify(intruder) } })
    expect(refused.status).toBe(409)
    expect(((await refused.json()) as { code: string }).code).toBe('room_full')

    doctor.send({ type: 'offer', session: 'doctor-session-1', sdp: SDP })
    expect(await patient.next(of('offer'))).toMatchObject({ from: doctorUser.id })
    expect(patient.frames.some((f) => f.type === 'peer_joined' && (f.peer as { user_id: string }).user_id === 'usr_intruder')).toBe(false)
    expect((await callEvents(appointment.id)).filter((e) => e.actor === patientUser.id)).toHaveLength(1)
    patient.close()
    doctor.close()
  })
})

describe('the call room WebSocket: signaling', () => {
  it('tells each side who is there, makes the patient the polite peer, and relays offer, answer, candidates and media state', async () => {
    const { appointment, patientToken, doctorToken, patient: patientUser, doctorUser } = await callPair()
    const patient = await connect(appointment.id, patientToken)
    const waiting = patient.frames[0]!
    expect(waiting).toMatchObject({ type: 'ready', appointment_id: appointment.id, peer: null, polite: true, you: { user_id: patientUser.id, role: 'patient', name: 'Pat Call' } })
    expect(waiting.closes_at).toBe(appointment.endAt.toISOString())

    const doctor = await connect(appointment.id, doctorToken)
    expect(doctor.frames[0]).toMatchObject({ polite: false, peer: { user_id: patientUser.id, role: 'patient', name: 'Pat Call' } })
    expect(await patient.next(of('peer_joined'))).toMatchObject({ peer: { user_id: doctorUser.id, role: 'doctor', name: 'Dr. Call' } })

    doctor.send({ type: 'offer', session: 'doctor-session-1', sdp: SDP })
    expect(await patient.next(of('offer'))).toEqual({ type: 'offer', session: 'doctor-session-1', sdp: SDP, from: doctorUser.id })
    patient.send({ type: 'answer', session: 'patient-session-1', sdp: SDP })
    expect(await doctor.next(of('answer'))).toEqual({ type: 'answer', session: 'patient-session-1', sdp: SDP, from: patientUser.id })
    patient.send({ type: 'candidate', session: 'patient-session-1', candidate: CANDIDATE })
    patient.send({ type: 'candidate', session: 'patient-session-1', candidate: null })
    expect(await doctor.next(of('candidate'))).toMatchObject({ candidate: CANDIDATE, from: patientUser.id })
    expect(await doctor.nth('candidate', 2)).toMatchObject({ candidate: null })
    doctor.send({ type: 'candidate', session: 'doctor-session-1', candidate: CANDIDATE })
    expect(await patient.next(of('candidate'))).toMatchObject({ candidate: CANDIDATE, from: doctorUser.id })
    patient.send({ type: 'media', audio: false, video: true, audio_only: false })
    expect(await doctor.next(of('media'))).toEqual({ type: 'media', audio: false, video: true, audio_only: false, from: patientUser.id })

    // Nothing comes back to its sender.
    expect(doctor.frames.some((f) => f.type === 'offer')).toBe(false)
    expect(patient.frames.some((f) => f.type === 'answer' || f.type === 'media')).toBe(false)
    patient.close()
    doctor.close()
  })

  it('refuses malformed frames without closing the socket', async () => {
    const { appointment, patientToken, doctorToken } = await callPair()
    const patient = await connect(appointment.id, patientToken)
    const doctor = await connect(appointment.id, doctorToken)
    patient.socket.send('not json')
    expect(await patient.next(of('error'))).toMatchObject({ code: 'bad_frame' })
    patient.send({ type: 'offer', session: 'short', sdp: SDP })
    patient.send({ type: 'dance' })
    expect(await patient.nth('error', 3)).toMatchObject({ code: 'validation_failed' })
    expect(patient.frames.filter(of('error')).map((f) => f.code)).toEqual(['bad_frame', 'validation_failed', 'validation_failed'])
    patient.send({ type: 'offer', session: 'patient-session-1', sdp: SDP })
    await doctor.next(of('offer'))
    expect(doctor.frames.filter(of('offer'))).toHaveLength(1)
    patient.close()
    doctor.close()
  })

  it('lets a participant who drops rejoin: a new socket from the same person replaces the old one', async () => {
    const { appointment, patientToken, doctorToken, patient: patientUser, doctorUser } = await callPair()
    const first = await connect(appointment.id, patientToken)
    const doctor = await connect(appointment.id, doctorToken)
    await first.next(of('peer_joined'))

    // A new tab or a new network; the old socket may still look open to the room.
    const second = await connect(appointment.id, patientToken)
    expect(second.frames[0]).toMatchObject({ peer: { user_id: doctorUser.id } })
    await first.next(of('replaced'))
    expect((await first.closed).code).toBe(4001)
    // The doctor (who joined second) hears the patient rejoined, not that they left.
    expect(await doctor.next(of('peer_joined'))).toMatchObject({ peer: { user_id: patientUser.id } })

    doctor.send({ type: 'offer', session: 'doctor-session-1', sdp: SDP })
    expect(await second.next(of('offer'))).toMatchObject({ from: doctorUser.id })
    expect(first.frames.some(of('offer'))).toBe(false)
    expect(doctor.frames.some(of('peer_left'))).toBe(false)
    // The patient never left the call, so the history holds one join for them and no leave.
    expect((await callEvents(appointment.id)).filter((e) => e.actor === patientUser.id).map((e) => e.kind)).toEqual(['call_joined'])
    second.close()
    doctor.close()
  })

  it('records joining and leaving on the appointment, and tells the other side about a hang-up or a drop', async () => {
    const { appointment, patientToken, doctorToken, patient: patientUser, doctorUser } = await callPair()
    const patient = await connect(appointment.id, patientToken)
    // The join is written before the socket is handed over.
    expect(await callEvents(appointment.id)).toEqual([{ kind: 'call_joined', actor: patientUser.id, data: { role: 'patient' } }])
    const doctor = await connect(appointment.id, doctorToken)

    patient.send({ type: 'hangup' })
    expect(await doctor.next(of('peer_left'))).toMatchObject({ reason: 'hangup', peer: { user_id: patientUser.id } })
    expect((await patient.closed).code).toBe(1000)

    // The patient comes back, then the doctor's connection drops.
    const again = await connect(appointment.id, patientToken)
    expect(again.frames[0]).toMatchObject({ peer: { user_id: doctorUser.id } })
    doctor.close()
    expect(await again.next(of('peer_left'))).toMatchObject({ reason: 'disconnected', peer: { user_id: doctorUser.id } })
    again.close()

    // The last close reaches the room after the client's close() returns: wait for its line.
    const events = await waitFor(() => callEvents(appointment.id), (e) => e.length === 6)
    const summary = events.map((e) => `${e.kind} ${e.actor === patientUser.id ? 'patient' : 'doctor'} ${(e.data as { reason?: string }).reason ?? ''}`.trim())
    expect(summary.sort()).toEqual(['call_joined doctor', 'call_joined patient', 'call_joined patient', 'call_left doctor disconnected', 'call_left patient disconnected', 'call_left patient hangup'])
  })
})

describe('the call room after hibernation and at the end of its window', () => {
  it('still knows who is waiting after it is evicted: the second party learns the first is there, and relaying works', async () => {
    const { appointment, patientToken, doctorToken, patient: patientUser, doctorUser } = await callPair()
    const patient = await connect(appointment.id, patientToken)
    expect(patient.frames[0]).toMatchObject({ peer: null })

    await evictDurableObject(callRoomStub(appointment.id))

    // The woken object has no fields left: who is in comes from the sockets' tags and attachments.
    const doctor = await connect(appointment.id, doctorToken)
    expect(doctor.frames[0]).toMatchObject({ peer: { user_id: patientUser.id, role: 'patient', name: 'Pat Call' }, polite: false })
    expect(await patient.next(of('peer_joined'))).toMatchObject({ peer: { user_id: doctorUser.id } })

    await evictDurableObject(callRoomStub(appointment.id))
    patient.send({ type: 'offer', session: 'patient-session-1', sdp: SDP })
    expect(await doctor.next(of('offer'))).toMatchObject({ from: patientUser.id })
    doctor.send({ type: 'answer', session: 'doctor-session-1', sdp: SDP })
    expect(await patient.next(of('answer'))).toMatchObject({ from: doctorUser.id })

    // A third person is still refused after waking.
    await evictDurableObject(callRoomStub(appointment.id))
    const intruder: Member = { userId: 'usr_intruder', name: 'Intruder', role: 'doctor', appointmentId: appointment.id, closesAt: appointment.endAt.getTime(), sessionId: 'ses_intruder' }
    const refused = await callRoomStub(appointment.id).fetch('https://call-room/connect', { headers: { upgrade: 'websocket', [MEMBER_HEADER]: JSON.stringify(intruder) } })
    expect(refused.status).toBe(409)

    doctor.send({ type: 'hangup' })
    expect(await patient.next(of('peer_left'))).toMatchObject({ reason: 'hangup' })
    patient.close()
  })

  it('closes the sockets when the appointment’s time is over, with its alarm', async () => {
    const { appointment, patientToken, doctorToken, patient: patientUser, doctorUser } = await callPair()
    const patient = await connect(appointment.id, patientToken)
    const doctor = await connect(appointment.id, doctorToken)
    const stub = callRoomStub(appointment.id)
    // The alarm is set no later than the end (sooner, for the room's session checks); move the
    // sockets' end into the past instead of waiting for it.
    const alarmAt = await runInDurableObject(stub, async (_room, state) => {
      for (const ws of state.getWebSockets()) ws.serializeAttachment({ ...(ws.deserializeAttachment() as SocketState), closesAt: Date.now() - 1 })
      return state.storage.getAlarm()
    })
    expect(alarmAt).not.toBeNull()
    expect(alarmAt!).toBeLessThanOrEqual(appointment.endAt.getTime())
    expect(await runDurableObjectAlarm(stub)).toBe(true)

    for (const client of [patient, doctor]) {
      expect(await client.next(of('ended'))).toEqual({ type: 'ended', reason: 'time_over' })
      expect((await client.closed).code).toBe(4000)
    }
    const left = await waitFor(() => callEvents(appointment.id), (e) => e.filter((x) => x.kind === 'call_left').length === 2)
    expect(left.filter((e) => e.kind === 'call_left').map((e) => [e.actor, (e.data as { reason: string }).reason]).sort()).toEqual(
      [
        [patientUser.id, 'time_over'],
        [doctorUser.id, 'time_over'],
      ].sort(),
    )
    // Each left once: the close that follows adds nothing.
    expect(patient.frames.some(of('peer_left')) || doctor.frames.some(of('peer_left'))).toBe(false)
  })

  it('lets everyone go when the doctor completes the appointment during the call', async () => {
    const { appointment, patientToken, doctorToken } = await callPair()
    const patient = await connect(appointment.id, patientToken)
    const doctor = await connect(appointment.id, doctorToken)
    expect((await callApi(doctorToken, `/api/v1/appointments/${appointment.id}/complete`, 'POST')).status).toBe(200)
    for (const client of [patient, doctor]) {
      expect(await client.next(of('ended'))).toEqual({ type: 'ended', reason: 'appointment_closed' })
      const closed = await client.closed
      expect(closed.code).toBe(4002)
      expect(closed.reason).toBe('The appointment was marked completed.')
    }
    await waitFor(() => callEvents(appointment.id), (e) => e.filter((x) => x.kind === 'call_left').length === 2)
    expect((await upgrade(callPath(appointment.id), { token: patientToken })).status).toBe(409)
  })
})
