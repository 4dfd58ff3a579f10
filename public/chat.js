// The chat page's client: makes #chat live over the room's WebSocket. The page already works
// without it (form posts, htmx polling); this script only takes over while the socket is open
// and hands back to htmx whenever it is not. Nothing typed is lost: a message waits in an outbox
// (localStorage) until the server acknowledges it, and is resent with the same client id after
// a reconnect, which the server recognises instead of storing it twice.
(function () {
  'use strict'

  const chat = document.getElementById('chat')
  if (!chat || !('WebSocket' in window)) return

  const conversationId = chat.dataset.conversation
  const viewerId = chat.dataset.viewer
  const timeZone = chat.dataset.timezone || undefined
  const list = document.getElementById('messages')
  const statusEl = document.getElementById('chat-status')
  const typingEl = document.getElementById('chat-typing')
  const outboxKey = 'chat-outbox:' + conversationId

  let socket = null
  let live = false
  let attempts = 0
  let othersRead = Number(chat.dataset.othersRead || 0)
  let lastTypingSent = 0
  let typingTimer = 0
  let heartbeat = 0
  let reconnectTimer = 0
  let resendTimer = 0
  let resendAttempts = 0

  // ---- rendering -----------------------------------------------------------------------------

  const dayFormat = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
  const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', minute: '2-digit', hour12: true })
  function formatWhen(iso) {
    const d = new Date(iso)
    return dayFormat.format(d).replace(',', '') + ', ' + timeFormat.format(d).replace(/\s?(am|pm)$/i, (m) => ' ' + m.trim().toUpperCase())
  }

  // The newest seq with nothing missing below it (down to the oldest shown): catching up from
  // here fills a gap left by a frame that arrived out of order or never came.
  function lastSeq() {
    const seqs = Array.prototype.map.call(list.querySelectorAll('li[data-seq]'), (li) => Number(li.dataset.seq)).sort((a, b) => a - b)
    let last = seqs.length ? seqs[0] : 0
    for (const seq of seqs) {
      if (seq > last + 1) break
      last = seq
    }
    return last
  }

  function messageItem(message) {
    const mine = message.sender.id === viewerId
    const li = document.createElement('li')
    li.id = 'msg-' + message.seq
    li.dataset.seq = String(message.seq)
    li.className = mine ? 'message mine' : 'message'
    const meta = document.createElement('p')
    meta.className = 'meta'
    const who = document.createElement('strong')
    who.textContent = mine ? 'You' : message.sender.name
    const when = document.createElement('time')
    when.dateTime = message.created_at
    when.textContent = formatWhen(message.created_at)
    meta.append(who, ' ', when)
    const body = document.createElement('p')
    body.className = 'body'
    // Text, never HTML: whatever a message contains is shown, not run.
    body.textContent = message.body
    li.append(meta, body)
    return li
  }

  // Puts a stored message in its place by seq, once, replacing its "sending" placeholder.
  function showMessage(message) {
    const pending = list.querySelector('li[data-client-id="' + CSS.escape(message.client_id) + '"]')
    if (pending && message.sender.id === viewerId) pending.remove()
    if (document.getElementById('msg-' + message.seq)) return
    const item = messageItem(message)
    const later = Array.prototype.find.call(list.querySelectorAll('li[data-seq]'), (li) => Number(li.dataset.seq) > message.seq)
    list.insertBefore(item, later || list.querySelector('li.pending'))
    const empty = document.getElementById('chat-empty')
    if (empty) empty.remove()
    updateReceipt()
  }

  function showPending(entry, failed) {
    let li = list.querySelector('li[data-client-id="' + CSS.escape(entry.client_id) + '"]')
    if (!li) {
      li = document.createElement('li')
      li.className = 'message mine pending'
      li.dataset.clientId = entry.client_id
      const meta = document.createElement('p')
      meta.className = 'meta'
      const body = document.createElement('p')
      body.className = 'body'
      body.textContent = entry.body
      li.append(meta, body)
      list.append(li)
    }
    li.querySelector('.meta').textContent = failed ? 'Not sent yet — it will be sent when the connection is back.' : 'Sending…'
  }

  // "Seen" sits on the newest of my messages the other side has read.
  function updateReceipt() {
    list.querySelectorAll('.receipt').forEach((r) => r.remove())
    const mine = Array.prototype.filter.call(list.querySelectorAll('li.mine[data-seq]'), (li) => Number(li.dataset.seq) <= othersRead)
    const newest = mine[mine.length - 1]
    if (!newest) return
    const receipt = document.createElement('span')
    receipt.className = 'receipt'
    receipt.textContent = ' · Seen'
    newest.querySelector('.meta').append(receipt)
  }

  // After htmx appends (poll or form), drop any message the socket already showed.
  function dedupe() {
    const seen = new Set()
    list.querySelectorAll('li[data-seq]').forEach((li) => {
      if (seen.has(li.id)) li.remove()
      else seen.add(li.id)
    })
  }

  function setStatus(text) {
    statusEl.textContent = text
  }

  // ---- outbox --------------------------------------------------------------------------------

  function outbox() {
    try { return JSON.parse(localStorage.getItem(outboxKey) || '[]') } catch (e) { return [] }
  }
  function saveOutbox(items) {
    try { localStorage.setItem(outboxKey, JSON.stringify(items)) } catch (e) { /* private mode: memory only */ }
  }
  function removeFromOutbox(clientId) {
    saveOutbox(outbox().filter((m) => m.client_id !== clientId))
  }

  function newClientId() {
    return 'c-' + (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(36).slice(2))
  }

  function flushOutbox() {
    outbox().forEach((entry) => {
      showPending(entry, false)
      send({ type: 'send', client_id: entry.client_id, body: entry.body })
    })
  }

  // ---- socket --------------------------------------------------------------------------------

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame))
  }

  function markRead() {
    if (document.visibilityState === 'visible') send({ type: 'read', seq: lastSeq() })
  }

  function connect() {
    clearTimeout(reconnectTimer)
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/v1/conversations/' + conversationId + '/ws'
    try {
      socket = new WebSocket(url)
    } catch (e) {
      return scheduleReconnect()
    }
    socket.addEventListener('message', (event) => {
      if (event.data === 'pong') return
      let frame
      try { frame = JSON.parse(event.data) } catch (e) { return }
      handle(frame)
    })
    socket.addEventListener('close', (event) => {
      live = false
      chat.dataset.live = 'false'
      clearInterval(heartbeat)
      outbox().forEach((entry) => showPending(entry, true))
      // 4003: the session ended (signed out here or elsewhere), or the right to be here did:
      // reconnecting would not help.
      if (event.code === 4003) {
        chat.dataset.signedOut = 'true'
        return setStatus(event.reason === 'Access ended' ? 'You no longer have access to this conversation.' : 'You have been signed out. Sign in again to keep chatting.')
      }
      setStatus('Reconnecting… Messages you send meanwhile go by the slower route.')
      scheduleReconnect()
    })
  }

  function scheduleReconnect() {
    // Backoff with jitter, so a room full of phones does not reconnect in one burst.
    const delay = Math.min(30000, 1000 * Math.pow(2, attempts)) * (0.5 + Math.random() / 2)
    attempts += 1
    reconnectTimer = setTimeout(connect, delay)
  }

  function handle(frame) {
    switch (frame.type) {
      case 'ready':
        live = true
        attempts = 0
        chat.dataset.live = 'true'
        setStatus('Connected. New messages appear here as they arrive.')
        clearInterval(heartbeat)
        heartbeat = setInterval(() => { if (socket.readyState === WebSocket.OPEN) socket.send('ping') }, 25000)
        // Catch up on what arrived while we were away, then resend what never got through.
        send({ type: 'sync', after: lastSeq() })
        flushOutbox()
        break
      case 'messages':
        frame.messages.forEach(showMessage)
        if (frame.more) send({ type: 'sync', after: lastSeq() })
        else markRead()
        break
      case 'ack':
        resendAttempts = 0
        removeFromOutbox(frame.client_id)
        showMessage(frame.message)
        break
      case 'message':
        // One seq skipped means a message is missing here: fetch what follows the gap.
        if (frame.message.seq > lastSeq() + 1) send({ type: 'sync', after: lastSeq() })
        showMessage(frame.message)
        markRead()
        break
      case 'typing':
        typingEl.textContent = frame.user.name + ' is typing…'
        clearTimeout(typingTimer)
        typingTimer = setTimeout(() => { typingEl.textContent = '' }, 4000)
        break
      case 'read':
        if (frame.user_id !== viewerId) {
          othersRead = Math.max(othersRead, frame.seq)
          updateReceipt()
        }
        break
      case 'error':
        if (frame.client_id && frame.code === 'validation_failed') {
          removeFromOutbox(frame.client_id)
          const li = list.querySelector('li[data-client-id="' + CSS.escape(frame.client_id) + '"]')
          if (li) li.querySelector('.meta').textContent = 'Not sent: ' + frame.message
        } else if (frame.client_id) {
          // Not stored (the database was unreachable, or too many at once): try the outbox again
          // after a pause that grows, while the socket stays open.
          showPending({ client_id: frame.client_id, body: '' }, true)
          clearTimeout(resendTimer)
          resendTimer = setTimeout(flushOutbox, Math.min(30000, 2000 * Math.pow(2, resendAttempts++)))
        }
        break
    }
  }

  // ---- the form ------------------------------------------------------------------------------

  function formParts() {
    const form = document.getElementById('chat-form')
    return { form, body: form && form.querySelector('textarea[name=body]'), clientId: form && form.querySelector('input[name=client_id]') }
  }

  function sendFromForm(event) {
    const { form, body, clientId } = formParts()
    if (!live || !form) return false
    const text = body.value.trim()
    if (event) event.preventDefault()
    if (!text) return true
    const entry = { client_id: clientId.value || newClientId(), body: text }
    saveOutbox(outbox().concat([entry]))
    showPending(entry, false)
    send({ type: 'send', client_id: entry.client_id, body: entry.body })
    clientId.value = newClientId()
    body.value = ''
    // The draft was sent; app.js keeps drafts of data-keep-draft forms until they are cleared.
    try { sessionStorage.removeItem('draft:chat-form') } catch (e) { /* ignore */ }
    return true
  }

  document.addEventListener('submit', (event) => {
    if (event.target && event.target.id === 'chat-form') sendFromForm(event)
  }, true)

  // While the socket is live, htmx neither posts the form nor polls: the socket does both.
  document.addEventListener('htmx:confirm', (event) => {
    const id = event.detail.elt && event.detail.elt.id
    if (live && (id === 'chat-poll' || id === 'chat-form')) event.preventDefault()
  })
  document.addEventListener('htmx:afterSwap', () => {
    dedupe()
    updateReceipt()
  })

  document.addEventListener('input', (event) => {
    if (!event.target || event.target.id !== 'chat-body') return
    const now = Date.now()
    if (live && now - lastTypingSent > 3000) {
      lastTypingSent = now
      send({ type: 'typing' })
    }
  })
  document.addEventListener('keydown', (event) => {
    // Enter sends, Shift+Enter starts a new line (the button still works for everyone).
    if (event.target && event.target.id === 'chat-body' && event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault()
      const { form } = formParts()
      if (form) form.requestSubmit()
    }
  })
  document.addEventListener('visibilitychange', markRead)
  window.addEventListener('online', () => {
    if (!live && (!socket || socket.readyState === WebSocket.CLOSED)) {
      attempts = 0
      connect()
    }
  })

  outbox().forEach((entry) => showPending(entry, true))
  setStatus('Connecting…')
  connect()
})()
