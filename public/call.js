// The video call page's client. The page works without it (it explains the call needs JavaScript
// and offers the chat); this script checks the link, asks for the camera and microphone, and holds
// one RTCPeerConnection to the other party, signaled through the appointment's room
// (WebSocket /api/v1/appointments/:id/call; frames in docs/api.md, "Call WebSocket").
//
// What the page shows is the state of one Alpine component, `call` (Alpine's CSP build, bundled
// with this file): the markup binds its status line, phase, buttons and panels to that state
// (views/calls/call-page.tsx), and the code below only changes the state. The media, the peer
// connection and the signaling are plain code, started by the component.
//
// Negotiation follows the "perfect negotiation" pattern (W3C WebRTC spec, §10.7 / MDN): either
// side may offer at any time; when offers collide the polite side (the patient) yields. To keep
// collisions rare, whoever joins second makes the first offer. Every signal names the
// RTCPeerConnection it comes from (`session`) and, once known, the one it is for (`to`), so an
// offer from a new one (the other side reloaded) replaces ours, and late signals are dropped.
(function () {
  'use strict'

  const supported = 'RTCPeerConnection' in window && 'WebSocket' in window && !!navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === 'function'
  // The one call on the page, once the component has started it.
  let engine = null

  document.addEventListener('alpine:init', () => {
    window.Alpine.data('call', () => ({
      supported,
      phase: 'precheck', // precheck, joining, connecting, waiting, in-call, left, ended
      screen: 'precheck', // which panel shows: the pre-call check, the call, or neither after it
      status: '',
      link: 'Checking your connection…',
      linkQuality: '', // good or poor, once measured
      joining: false,
      again: false, // offer "Join again" (after hanging up)
      micMuted: false,
      cameraOff: false,
      audioOnly: false,
      peerMedia: '',
      connectionState: 'new',
      init() {
        if (supported && this.$el.dataset.ws) engine = startCall(this.$el, this)
      },
      // Bindings: the CSP build reads names, not expressions, so each derived value is a method.
      unsupported() { return !this.supported },
      hidePrecheck() { return this.screen !== 'precheck' },
      hideCall() { return this.screen !== 'call' },
      hideAgain() { return !this.again },
      videoJoinClass() { return this.linkQuality === 'poor' ? 'secondary' : '' },
      audioJoinClass() { return this.linkQuality === 'poor' ? '' : 'secondary' },
      joinWithVideo() { engine.join(false) },
      joinAudioOnly() { engine.join(true) },
      rejoin() { engine.join(this.audioOnly) },
      toggleMute() { engine.toggleMute() },
      toggleCamera() { engine.toggleCamera() },
      toggleAudioOnly() { engine.toggleAudioOnly() },
      hangUp() { engine.hangUp() },
    }))
  })

  // `ui` is the component's reactive state: setting a field updates the page.
  function startCall(root, ui) {
    const $ = (id) => document.getElementById(id)
    const remoteVideo = $('call-remote-video')
    const localVideo = $('call-local-video')
    const joinVideoButton = $('call-join')
    const joinAudioButton = $('call-join-audio')

    const peerName = root.dataset.peerName || 'the other person'
    const iceServers = parseJson(root.dataset.iceServers, [])
    const POOR_LINK_KBPS = 500
    const PROBE_TIMEOUT_MS = 5000
    const DISCONNECT_GRACE_MS = 4000
    // Enough for a face on a phone; a smaller picture is kinder to a slow link.
    const VIDEO = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { max: 24 } }

    let socket = null
    let heartbeat = 0
    let reconnectTimer = 0
    let socketAttempts = 0
    let joined = false // the person pressed Join and has not hung up
    let over = false // the room closed for good (time over, replaced by another tab)
    let polite = false
    let peerPresent = false
    let peerAudioOnly = false
    let localStream = null
    let current = null // { pc, session, remote, makingOffer, ignoreOffer, settingAnswer, videoSender }
    let disconnectTimer = 0

    // ---- small helpers -------------------------------------------------------------------------

    function parseJson(text, fallback) {
      try {
        return JSON.parse(text || '')
      } catch (e) {
        return fallback
      }
    }

    function randomId() {
      const bytes = crypto.getRandomValues(new Uint8Array(12))
      return Array.prototype.map.call(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
    }

    function setStatus(text) {
      ui.status = text
    }

    function setPhase(phase) {
      ui.phase = phase
    }

    // ---- the pre-call check of the link --------------------------------------------------------

    // Times the download of a same-origin file the page already uses (htmx, ~50 KB) past the cache.
    // A rough figure, but enough to tell a link that can carry video from one that cannot.
    async function checkLink() {
      const connection = navigator.connection
      let kbps = 0
      const controller = 'AbortController' in window ? new AbortController() : null
      const timer = setTimeout(() => controller && controller.abort(), PROBE_TIMEOUT_MS)
      const started = performance.now()
      try {
        const res = await fetch(root.dataset.probe, { cache: 'no-store', signal: controller ? controller.signal : undefined })
        const bytes = (await res.arrayBuffer()).byteLength
        kbps = Math.round((bytes * 8) / Math.max(1, performance.now() - started))
      } catch (e) {
        kbps = 0
      } finally {
        clearTimeout(timer)
      }
      const slowType = connection && /^(slow-2g|2g|3g)$/.test(connection.effectiveType || '')
      const poor = kbps < POOR_LINK_KBPS || slowType || (connection && connection.saveData)
      ui.linkQuality = poor ? 'poor' : 'good'
      if (poor) {
        ui.link = kbps
          ? 'Your connection looks slow (about ' + kbps + ' kbit/s). Audio only is recommended; you can turn video on later.'
          : 'Your connection looks slow. Audio only is recommended; you can turn video on later.'
        // The recommended button comes first, in the focus order too (the bindings restyle both).
        joinAudioButton.parentNode.insertBefore(joinAudioButton, joinVideoButton)
      } else {
        ui.link = 'Your connection looks good for video (about ' + kbps + ' kbit/s).'
      }
    }

    // ---- local media ---------------------------------------------------------------------------

    async function startMedia(wantVideo) {
      try {
        return await navigator.mediaDevices.getUserMedia({ audio: true, video: wantVideo ? VIDEO : false })
      } catch (err) {
        // No camera (or it is busy): carry on with the microphone alone.
        if (!wantVideo || !err || err.name === 'NotAllowedError' || err.name === 'SecurityError') throw err
        return navigator.mediaDevices.getUserMedia({ audio: true, video: false })
      }
    }

    function localVideoTrack() {
      return localStream ? localStream.getVideoTracks()[0] || null : null
    }

    function stopMedia() {
      if (localStream) localStream.getTracks().forEach((t) => t.stop())
      localStream = null
      localVideo.srcObject = null
    }

    function shouldSendVideo() {
      return !!localVideoTrack() && !ui.audioOnly && !peerAudioOnly
    }

    // Sends our camera, or nothing, on the video sender without renegotiating when one exists.
    function applyVideo() {
      const c = current
      if (!c) return
      const track = localVideoTrack()
      if (shouldSendVideo()) {
        if (c.videoSender) c.videoSender.replaceTrack(track).catch(() => {})
        else c.videoSender = c.pc.addTrack(track, localStream)
      } else if (c.videoSender) {
        c.videoSender.replaceTrack(null).catch(() => {})
      }
    }

    function sendMediaState() {
      signal({ type: 'media', audio: !ui.micMuted, video: !!localVideoTrack() && !ui.cameraOff && !ui.audioOnly, audio_only: ui.audioOnly })
    }

    // ---- the peer connection -------------------------------------------------------------------

    function closePeer() {
      clearTimeout(disconnectTimer)
      if (!current) return
      const pc = current.pc
      current = null
      pc.onnegotiationneeded = pc.onicecandidate = pc.ontrack = pc.onconnectionstatechange = null
      pc.close()
      remoteVideo.srcObject = null
      ui.connectionState = 'closed'
    }

    function addTracks(c) {
      c.tracksAdded = true
      if (!localStream) return
      localStream.getAudioTracks().forEach((track) => c.pc.addTrack(track, localStream))
      if (shouldSendVideo()) c.videoSender = c.pc.addTrack(localVideoTrack(), localStream)
    }

    // A connection that offers at once, or (answering) one whose tracks are added only once the
    // offer is applied, so they ride on the offered transceivers instead of starting a second
    // negotiation that races the answer.
    function newPeer(answering) {
      closePeer()
      const pc = new RTCPeerConnection({ iceServers })
      const c = { pc, session: randomId(), remote: null, makingOffer: false, ignoreOffer: false, settingAnswer: false, videoSender: null, tracksAdded: false }
      current = c
      ui.connectionState = pc.connectionState
      if (!answering) addTracks(c)
      pc.ontrack = (event) => {
        remoteVideo.srcObject = event.streams[0] || new MediaStream([event.track])
      }
      pc.onicecandidate = (event) => {
        if (current === c) signal({ type: 'candidate', session: c.session, to: c.remote, candidate: event.candidate ? event.candidate.toJSON() : null })
      }
      pc.onnegotiationneeded = async () => {
        try {
          c.makingOffer = true
          await pc.setLocalDescription()
          sendLocalDescription(c)
        } catch (err) {
          console.warn('call: offer failed', err)
        } finally {
          c.makingOffer = false
        }
      }
      pc.onconnectionstatechange = () => onConnectionState(c)
      return c
    }

    // The description as it is, with its own type: setLocalDescription() without arguments makes an
    // answer when an offer arrived meanwhile, and that must go out as an answer.
    function sendLocalDescription(c) {
      const description = c.pc.localDescription
      if (current === c && description && (description.type === 'offer' || description.type === 'answer')) {
        signal({ type: description.type, session: c.session, to: c.remote, sdp: description.sdp })
      }
    }

    function onConnectionState(c) {
      if (current !== c) return
      const state = c.pc.connectionState
      ui.connectionState = state
      clearTimeout(disconnectTimer)
      if (state === 'connected') {
        connectedTo()
      } else if (!peerPresent) {
        // They left; the room says so, and they come back with a new connection.
      } else if (state === 'disconnected') {
        setStatus('The connection is unstable. Trying to recover…')
        disconnectTimer = setTimeout(() => {
          if (current === c && c.pc.connectionState === 'disconnected') restartIce(true)
        }, DISCONNECT_GRACE_MS)
      } else if (state === 'failed') {
        setStatus('The connection was lost. Reconnecting…')
        restartIce(true)
      }
    }

    // New candidates over the same connection (an offer with an ICE restart). When both sides see
    // the connection fail, only the impolite one restarts: colliding offers would make the polite
    // side roll back, which costs a round trip (and in Chromium can stall its candidate gathering).
    // The side whose own network changed restarts at once.
    function restartIce(onFailure) {
      if (onFailure && polite) return
      if (current && peerPresent && socketOpen()) current.pc.restartIce()
    }

    // Perfect negotiation, with the sessions deciding which connection a description is for.
    async function onDescription(frame) {
      let c = current
      if (frame.type === 'answer') {
        // An answer always answers one of our offers: only the current connection's count.
        if (!c || frame.to !== c.session) return
      } else if (!c || (frame.to ? frame.to !== c.session : c.remote && c.remote !== frame.session)) {
        // An offer meant for a connection we have replaced is stale; one from a connection of theirs
        // that knows nothing of ours (they reloaded or rejoined) starts a new one here too.
        if (c && frame.to) return
        c = newPeer(true)
      }
      c.remote = frame.session
      const pc = c.pc
      try {
        const readyForOffer = !c.makingOffer && (pc.signalingState === 'stable' || c.settingAnswer)
        const collision = frame.type === 'offer' && !readyForOffer
        c.ignoreOffer = !polite && collision
        if (c.ignoreOffer) return
        c.settingAnswer = frame.type === 'answer'
        await pc.setRemoteDescription({ type: frame.type, sdp: frame.sdp })
        c.settingAnswer = false
        if (frame.type === 'offer') {
          if (!c.tracksAdded) addTracks(c)
          await pc.setLocalDescription()
          sendLocalDescription(c)
        }
      } catch (err) {
        c.settingAnswer = false
        console.warn('call: description failed', err)
      }
    }

    async function onCandidate(frame) {
      const c = current
      if (!c || (frame.to && frame.to !== c.session) || c.remote !== frame.session) return
      try {
        await c.pc.addIceCandidate(frame.candidate || undefined)
      } catch (err) {
        if (!c.ignoreOffer) console.warn('call: candidate failed', err)
      }
    }

    // ---- signaling -----------------------------------------------------------------------------

    function socketOpen() {
      return socket && socket.readyState === WebSocket.OPEN
    }

    function signal(frame) {
      if (socketOpen()) socket.send(JSON.stringify(frame))
    }

    function connectSocket() {
      clearTimeout(reconnectTimer)
      if (socket || over || !joined) return
      const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + root.dataset.ws
      const ws = new WebSocket(url)
      let opened = false
      socket = ws
      ws.onopen = () => {
        opened = true
        socketAttempts = 0
        // Keeps proxies from closing an idle socket; the room answers without waking.
        heartbeat = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('ping'), 30000)
      }
      ws.onmessage = (event) => {
        if (event.data === 'pong') return
        const frame = parseJson(event.data, null)
        if (frame) onFrame(frame)
      }
      ws.onclose = (event) => {
        clearInterval(heartbeat)
        if (socket === ws) socket = null
        if (event.code === 4001) return finish('This call is open in another window or tab, so it ended here.')
        if (event.code === 4000) return finish('The appointment’s time is over, so the call has ended.')
        if (event.code === 4002) return finish((event.reason || 'The appointment was closed.') + ' The call has ended.')
        // The session ended (signed out here or elsewhere): the call ends, and is not retried.
        if (event.code === 4003) return finish(event.reason === 'Access ended' ? 'You no longer have access to this call, so it has ended.' : 'You have been signed out, so the call has ended. Sign in again to rejoin.')
        if (!joined || over) return
        if (!opened) return checkRoom()
        scheduleReconnect()
      }
    }

    function scheduleReconnect() {
      socketAttempts++
      const delay = Math.min(15000, 1000 * Math.pow(2, socketAttempts - 1))
      if (!current || current.pc.connectionState !== 'connected') setStatus('The connection to the call was lost. Reconnecting…')
      clearTimeout(reconnectTimer)
      reconnectTimer = setTimeout(connectSocket, delay)
    }

    // A socket that never opened: the call may have closed (409) or be gone (404); the page says.
    async function checkRoom() {
      try {
        const res = await fetch(location.pathname, { method: 'HEAD', cache: 'no-store', credentials: 'same-origin' })
        if (res.status === 409 || res.status === 404) return finish('The call is not open any more. The chat still works.')
      } catch (e) {
        // Offline: keep trying.
      }
      scheduleReconnect()
    }

    function onFrame(frame) {
      switch (frame.type) {
        case 'ready':
          polite = !!frame.polite
          peerPresent = !!frame.peer
          if (!peerPresent) return waiting()
          sendMediaState()
          // Whoever arrives second offers, from a fresh connection unless theirs still works; the
          // one already in the room answers. So the first offers never collide, and an offer lost
          // with a dropped socket is made again.
          if (current && current.pc.connectionState === 'connected') return connectedTo()
          setPhase('connecting')
          setStatus('Connecting to ' + peerName + '…')
          newPeer(false)
          return
        case 'peer_joined':
          peerPresent = true
          sendMediaState()
          // They offer (see 'ready'). A connection that still works is kept until their offer shows
          // whether they kept theirs; one that does not is dropped, with any offer it was waiting on.
          if (current && current.pc.connectionState === 'connected') return connectedTo()
          closePeer()
          setPhase('connecting')
          setStatus(peerName + ' joined. Connecting…')
          return
        case 'peer_left':
          peerPresent = false
          peerAudioOnly = false
          showPeerMedia(null)
          if (frame.reason === 'hangup') {
            closePeer()
            waiting(peerName + ' left the call. You can wait here for them to come back, or hang up.')
          } else {
            // Keep the connection: if only their signaling dropped, the media may still be flowing.
            waiting(peerName + ' is no longer connected. Waiting for them to come back…')
          }
          applyVideo()
          return
        case 'offer':
        case 'answer':
          return void onDescription(frame)
        case 'candidate':
          return void onCandidate(frame)
        case 'media':
          showPeerMedia(frame)
          if (peerAudioOnly !== !!frame.audio_only) {
            peerAudioOnly = !!frame.audio_only
            applyVideo()
          }
          return
        case 'replaced':
        case 'ended':
          // The close that follows (4001 or 4000) says the rest.
          return
        case 'error':
          console.warn('call: ' + frame.code + ': ' + frame.message)
          return
      }
    }

    function connectedTo() {
      setPhase('in-call')
      setStatus('Connected to ' + peerName + '.')
    }

    function waiting(text) {
      setPhase('waiting')
      setStatus(text || 'Waiting for ' + peerName + ' to join…')
    }

    function showPeerMedia(frame) {
      const notes = []
      if (frame && frame.audio_only) notes.push('audio only')
      else if (frame && !frame.video) notes.push('camera off')
      if (frame && !frame.audio) notes.push('muted')
      ui.peerMedia = notes.length ? '(' + notes.join(', ') + ')' : ''
    }

    // ---- joining, controls, leaving ------------------------------------------------------------

    async function join(wantAudioOnly) {
      ui.joining = true
      ui.again = false
      over = false
      setPhase('joining')
      setStatus('Asking for your camera and microphone…')
      try {
        localStream = await startMedia(!wantAudioOnly)
      } catch (err) {
        ui.joining = false
        setPhase('precheck')
        setStatus(
          err && err.name === 'NotAllowedError'
            ? 'Your camera and microphone are blocked. Allow them for this site in your browser’s settings, then press Join again. The chat below still works.'
            : 'Your camera and microphone could not be started. Check that no other app is using them, then press Join again. The chat below still works.',
        )
        return
      }
      ui.audioOnly = !localVideoTrack()
      ui.micMuted = false
      ui.cameraOff = false
      ui.joining = false
      localVideo.srcObject = localStream
      ui.screen = 'call'
      joined = true
      setStatus(!wantAudioOnly && ui.audioOnly ? 'Your camera is not available, so you join with audio only.' : 'Joining the call…')
      connectSocket()
    }

    function toggleMute() {
      ui.micMuted = !ui.micMuted
      if (localStream) localStream.getAudioTracks().forEach((t) => (t.enabled = !ui.micMuted))
      setStatus(ui.micMuted ? 'Your microphone is muted.' : 'Your microphone is on.')
      sendMediaState()
    }

    function toggleCamera() {
      const track = localVideoTrack()
      if (!track) return
      ui.cameraOff = !ui.cameraOff
      track.enabled = !ui.cameraOff
      setStatus(ui.cameraOff ? 'Your camera is off.' : 'Your camera is on.')
      sendMediaState()
    }

    // Audio only: the camera stops and the other side is asked to stop sending video too, which is
    // what saves the bandwidth; turning it off brings the camera back.
    async function toggleAudioOnly() {
      if (!ui.audioOnly) {
        ui.audioOnly = true
        const track = localVideoTrack()
        if (track) {
          track.stop()
          localStream.removeTrack(track)
        }
        applyVideo()
        setStatus('Audio only: video is off on both sides to save data.')
      } else {
        try {
          const camera = await navigator.mediaDevices.getUserMedia({ video: VIDEO })
          const track = camera.getVideoTracks()[0]
          track.enabled = !ui.cameraOff
          localStream.addTrack(track)
          localVideo.srcObject = localStream
          ui.audioOnly = false
          applyVideo()
          setStatus('Video is back on.')
        } catch (e) {
          setStatus('Your camera could not be started, so the call stays audio only.')
        }
      }
      sendMediaState()
    }

    function hangUp() {
      signal({ type: 'hangup' })
      leave('You left the call.')
      ui.again = true
    }

    function leave(text) {
      joined = false
      peerPresent = false
      clearTimeout(reconnectTimer)
      closePeer()
      stopMedia()
      if (socket) {
        const ws = socket
        socket = null
        ws.onclose = () => clearInterval(heartbeat)
        ws.close(1000)
      }
      ui.screen = 'after'
      showPeerMedia(null)
      setPhase('left')
      setStatus(text)
    }

    function finish(text) {
      over = true
      leave(text)
      setPhase('ended')
    }

    // A network change: reconnect the signaling at once and look for a new path for the media.
    function onNetworkChange() {
      if (!joined || over) return
      if (!socket) {
        socketAttempts = 0
        connectSocket()
      } else {
        restartIce(false)
      }
    }
    window.addEventListener('online', onNetworkChange)
    if (navigator.connection && navigator.connection.addEventListener) navigator.connection.addEventListener('change', onNetworkChange)
    window.addEventListener('offline', () => joined && setStatus('You are offline. The call reconnects when the network is back.'))

    checkLink()
    return { join, toggleMute, toggleCamera, toggleAudioOnly, hangUp }
  }
})()
