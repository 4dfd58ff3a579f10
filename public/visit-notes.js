// Visit notes autosave (the form's hx-trigger sends it a moment after typing stops). When the
// network fails, say so and try again until it works: the text also stays in sessionStorage
// (data-keep-draft), so nothing typed is lost.
;(function () {
  'use strict'
  var retryTimer = null
  var delay = 2000

  function status(text) {
    var el = document.getElementById('note-status')
    if (el) el.textContent = text
  }

  function retryLater(form) {
    clearTimeout(retryTimer)
    status('Not saved — no connection. Retrying in ' + Math.round(delay / 1000) + ' s…')
    retryTimer = setTimeout(function () {
      htmx.trigger(form, 'autosave')
    }, delay)
    delay = Math.min(delay * 2, 30000)
  }

  document.addEventListener('htmx:beforeRequest', function (event) {
    if (event.detail.elt.matches('form.note-form')) status('Saving…')
  })
  document.addEventListener('htmx:afterRequest', function (event) {
    var form = event.detail.elt
    if (!form.matches('form.note-form')) return
    if (event.detail.successful) delay = 2000
    // A refusal (4xx) carries its own message in the status line; a server or network failure retries.
    else if (!event.detail.xhr || event.detail.xhr.status === 0 || event.detail.xhr.status >= 500) retryLater(form)
  })
  // htmx swaps only 2xx by default; show a 4xx explanation (too long, notes final) too.
  document.addEventListener('htmx:beforeSwap', function (event) {
    if (event.detail.elt.matches('form.note-form') && event.detail.xhr.status >= 400 && event.detail.xhr.status < 500) {
      event.detail.shouldSwap = true
      event.detail.isError = false
    }
  })
})()
