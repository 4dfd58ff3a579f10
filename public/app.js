// MediConnect's own small script. Pages work without it; it only adds comfort on bad networks.
(function () {
  'use strict'

  // Tell the user when a request could not reach us, instead of failing silently.
  function networkStatus(message) {
    var el = document.getElementById('network-status')
    if (!el) return
    el.textContent = message || ''
    el.hidden = !message
  }
  document.addEventListener('htmx:sendError', function () {
    networkStatus('We could not reach MediConnect. Check your connection; what you typed is kept.')
  })
  document.addEventListener('htmx:afterRequest', function (event) {
    if (event.detail && event.detail.successful) networkStatus('')
  })
  window.addEventListener('online', function () { networkStatus('') })
  window.addEventListener('offline', function () {
    networkStatus('You are offline. What you typed is kept and can be sent when you are back.')
  })

  // Forms marked data-keep-draft keep their text in sessionStorage until they are sent, so a
  // dropped connection or an accidental reload never loses what the patient typed.
  // Passwords, hidden and file fields are never stored.
  var SKIP = { password: 1, hidden: 1, file: 1, submit: 1, button: 1 }
  // A draft is keyed by the form's id, which must be unique across the app ("booking-form"), and
  // per record where the form is about one ("note-form-apt_…"), so no draft lands on another's.
  function draftKey(form) { return 'draft:' + form.id }
  function fields(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && !SKIP[el.type]
    })
  }
  function restore(form) {
    var saved
    try { saved = JSON.parse(sessionStorage.getItem(draftKey(form)) || 'null') } catch (e) { saved = null }
    if (!saved) return
    fields(form).forEach(function (el) {
      if (!(el.name in saved)) return
      if (el.type === 'checkbox' || el.type === 'radio') el.checked = saved[el.name] === el.value
      else if (!el.value) el.value = saved[el.name]
    })
  }
  function save(form) {
    var data = {}
    fields(form).forEach(function (el) {
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) return
      data[el.name] = el.value
    })
    try { sessionStorage.setItem(draftKey(form), JSON.stringify(data)) } catch (e) { /* full */ }
  }
  function init(root) {
    // A page shown after a successful full-page submit names the drafts it settled.
    Array.prototype.forEach.call(root.querySelectorAll('[data-clear-draft]'), function (el) {
      sessionStorage.removeItem('draft:' + el.getAttribute('data-clear-draft'))
    })
    Array.prototype.forEach.call(root.querySelectorAll('form[data-keep-draft][id]'), function (form) {
      if (form.dataset.draftReady) return
      form.dataset.draftReady = '1'
      restore(form)
      form.addEventListener('input', function () { save(form) })
    })
  }
  // A draft is dropped only once the server accepted the form (a successful htmx response, or a
  // page with data-clear-draft after a full-page submit), never merely on submit.
  document.addEventListener('htmx:afterRequest', function (event) {
    var form = event.detail && event.detail.elt
    if (form && form.matches && form.matches('form[data-keep-draft]') && event.detail.successful) {
      sessionStorage.removeItem(draftKey(form))
    }
  })
  document.addEventListener('submit', function (event) {
    var form = event.target
    if (form.matches('form[data-keep-draft][id]')) save(form)
    // Signing out leaves nothing typed behind for whoever uses this browser tab next.
    if (form.matches('form[action="/logout"]')) {
      Object.keys(sessionStorage).forEach(function (key) {
        if (key.indexOf('draft:') === 0) sessionStorage.removeItem(key)
      })
    }
  })
  // Feedback while waiting, and no double submits: a form on its way says so on the button that
  // sent it, and pressing again does nothing until the answer comes. (Without JavaScript the form
  // still submits as usual.) A form another script sends itself (the chat, uploads) or htmx sends
  // is left to them: htmx marks it with htmx-request, which the stylesheet shows the same way.
  document.addEventListener('submit', function (event) {
    var form = event.target
    if (form.getAttribute('aria-busy') === 'true') {
      event.preventDefault()
      return
    }
    // htmx and the chat have taken the submit already (their listeners run first); uploads send
    // themselves by XMLHttpRequest and manage their own button.
    if (event.defaultPrevented || form.matches('form[data-upload]')) return
    form.setAttribute('aria-busy', 'true')
    if (event.submitter) event.submitter.classList.add('is-busy')
  })
  // Back from the browser's cache (the back button), the form can be sent again.
  window.addEventListener('pageshow', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form[aria-busy="true"]'), function (form) {
      form.removeAttribute('aria-busy')
      Array.prototype.forEach.call(form.querySelectorAll('.is-busy'), function (b) { b.classList.remove('is-busy') })
    })
  })

  document.addEventListener('DOMContentLoaded', function () { init(document) })
  document.addEventListener('htmx:load', function (event) { init(event.target) })
})();

// The device's time zone, so the server can show times in it from the next page on (and give a
// new account its zone). A zone the viewer picked on a page (?tz=), or their own profile's, wins.
(function () {
  'use strict'
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone
    var cookie = 'mc_device_tz=' + encodeURIComponent(zone)
    if (zone && document.cookie.split(/;\s*/).indexOf(cookie) < 0) document.cookie = cookie + '; path=/; max-age=31536000; samesite=lax; secure'
  } catch (e) { /* old browser: the server's default zone stays */ }
})();

// Live updates. A signed-in page (one with the header's bell) holds a socket to the person's
// notification hub; when it says something changed, the page fires `mc:notifications` and every
// part of it that shows notifications (the bell, a dashboard's requests) fetches itself again
// through htmx. The admin dashboard holds a second socket, to the admins' channel, and fires
// `mc:admin` the same way. If a socket cannot stay up, its event fires once a minute instead. A
// socket closed because the session ended (4003: signed out elsewhere, deactivated) is not
// reopened, and the page reloads: what it showed is no longer the reader's to see, and the reload
// brings the sign-in page.
(function () {
  'use strict'
  var POLL_MS = 60000

  function live(path, eventName, stateAttribute) {
    var pollTimer = null
    var failures = 0
    var everOpened = false
    function changed() {
      document.body.dispatchEvent(new CustomEvent(eventName, { bubbles: true }))
    }
    function state(value) {
      document.documentElement.setAttribute(stateAttribute, value)
    }
    function poll() {
      if (pollTimer) return
      state('polling')
      pollTimer = setInterval(changed, POLL_MS)
    }
    function connect() {
      var socket
      try {
        socket = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path)
      } catch (e) {
        return poll()
      }
      var opened = false
      socket.addEventListener('open', function () {
        opened = true
        failures = 0
        if (pollTimer) {
          clearInterval(pollTimer)
          pollTimer = null
        }
        state('live')
        // Back after a drop: catch up on anything that happened meanwhile.
        if (everOpened) changed()
        everOpened = true
      })
      socket.addEventListener('message', function (event) {
        var frame
        try { frame = JSON.parse(event.data) } catch (e) { return }
        if (frame.type === 'changed') changed()
      })
      socket.addEventListener('close', function (event) {
        if (event.code === 4003) {
          state('ended')
          return location.reload()
        }
        if (!opened) failures++
        // Two failed attempts in a row: poll once a minute, and keep trying the socket slowly.
        if (failures >= 2) poll()
        setTimeout(connect, Math.min(60000, 2000 * Math.pow(2, failures)))
      })
    }
    connect()
  }

  function start() {
    if (!('WebSocket' in window)) return
    if (document.querySelector('[data-live-notifications]')) live('/notifications/socket', 'mc:notifications', 'data-notifications')
    if (document.querySelector('[data-live-admin]')) live('/admin/live', 'mc:admin', 'data-admin-live')
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
  else start()

  // A red-flag answer in the booking questionnaire: the emergency advice is announced at once
  // (CSS shows it; this makes screen readers say it), and the server is told it was seen, so
  // booking goes straight on rather than showing the advice again first.
  document.addEventListener('change', function (event) {
    var box = event.target
    if (!box || !box.classList || !box.classList.contains('red-flag')) return
    var form = box.form
    var any = form && form.querySelector('.red-flag:checked')
    var advice = document.getElementById('triage-guidance')
    var seen = document.getElementById('red-flag-seen')
    if (advice) advice.classList.toggle('shown', !!any)
    if (seen && any) seen.value = '1'
  })
})();
