// Uploads with a progress bar that survive a slow or flaky link. A form marked data-upload is
// sent by XMLHttpRequest (fetch cannot report upload progress) to its JSON API endpoint, with no
// time limit; if the connection drops, the chosen file stays in memory and the upload starts
// again after a growing pause. Refusals (wrong type, too large) are shown, not retried. Without
// this script the form still posts as plain multipart.
;(function () {
  'use strict'
  var MAX_TRIES = 6

  function send(form, data, tries) {
    var progress = form.querySelector('.upload-progress')
    var status = form.querySelector('.upload-status')
    var button = form.querySelector('button[type="submit"]')
    var xhr = new XMLHttpRequest()
    xhr.open('POST', form.dataset.upload)
    xhr.setRequestHeader('Accept', 'application/json')
    progress.hidden = false
    button.disabled = true
    xhr.upload.onprogress = function (event) {
      if (!event.lengthComputable) return
      var percent = Math.floor((event.loaded / event.total) * 100)
      progress.value = percent
      status.textContent = 'Uploading… ' + percent + '%'
    }
    xhr.onload = function () {
      if (xhr.status === 201) {
        status.textContent = 'Uploaded.'
        window.location.assign(form.dataset.done)
        return
      }
      button.disabled = false
      progress.hidden = true
      if (xhr.status >= 500) return retry(form, data, tries)
      var message = 'The upload was refused.'
      try {
        var error = JSON.parse(xhr.responseText).error
        message = error.fields ? Object.keys(error.fields).map(function (f) { return f + ' ' + error.fields[f] }).join('; ') : error.message
      } catch (e) { /* keep the general message */ }
      status.textContent = message
    }
    xhr.onerror = function () {
      button.disabled = false
      retry(form, data, tries)
    }
    xhr.send(data)
  }

  function retry(form, data, tries) {
    var status = form.querySelector('.upload-status')
    if (tries + 1 >= MAX_TRIES) {
      status.textContent = 'The upload did not get through. Check your connection and press Upload again; your file is still selected.'
      return
    }
    var seconds = Math.min(60, 2 * Math.pow(2, tries))
    status.textContent = 'Connection lost. Trying again in ' + seconds + ' s…'
    setTimeout(function () { send(form, data, tries + 1) }, seconds * 1000)
  }

  document.addEventListener('submit', function (event) {
    var form = event.target
    if (!form.matches || !form.matches('form[data-upload]') || !window.FormData) return
    event.preventDefault()
    send(form, new FormData(form), 0)
  })
})()
