// The upload page: send the file with XMLHttpRequest (for its upload progress), then follow the server's
// processing stages over Server-Sent Events until 100 % (or an error stage).
const form = document.getElementById('upload-form');
const input = document.getElementById('file');
const fill = document.getElementById('bar-fill');
const percentText = document.getElementById('percent');
const stageMessage = document.getElementById('stage-message');
const statusText = document.getElementById('status');
const sending = document.getElementById('sending');
const stages = document.getElementById('stages');

function setStatus(text, kind) {
  statusText.textContent = text;
  statusText.className = 'status' + (kind ? ' ' + kind : '');
  document.body.dataset.state = kind || text;
}

function show({stage, percent, message}) {
  fill.style.width = percent + '%';
  fill.className = 'bar-fill' + (stage === 'error' ? ' error' : percent === 100 ? ' done' : '');
  percentText.textContent = percent + '%';
  stageMessage.textContent = `${stage}: ${message}`;
  const item = document.createElement('li');
  item.textContent = `${stage} (${percent}%): ${message}`;
  item.className = stage;
  stages.appendChild(item);
  document.body.dataset.stage = stage;
  document.body.dataset.percent = percent;
}

function follow(uploadId) {
  document.body.dataset.uploadId = uploadId;
  const progressSource = new EventSource(`/api/upload/progress/${uploadId}`);
  progressSource.onopen = () => setStatus('following ' + uploadId, 'live');
  progressSource.onmessage = (event) => {
    const progress = JSON.parse(event.data);
    show(progress);
    if (progress.stage === 'error') {
      progressSource.close();
      setStatus('failed', 'error');
    } else if (progress.percent === 100) {
      progressSource.close();
      setStatus('done');
    }
  };
}

function upload(file) {
  stages.replaceChildren();
  show({stage: 'sending', percent: 0, message: `${file.name}, ${file.size} bytes`});
  setStatus('sending', 'live');
  const data = new FormData();
  data.append('file', file);
  const request = new XMLHttpRequest();
  request.open('POST', '/api/upload');
  request.upload.onprogress = (e) => {
    if (e.lengthComputable) {
      sending.textContent = `sent ${e.loaded} of ${e.total} bytes`;
    }
  };
  request.onload = () => {
    let answer = {};
    try {
      answer = JSON.parse(request.responseText);
    } catch (e) {
      answer = {error: request.responseText};
    }
    if (answer.uploadId) {
      // Refused uploads have an id too: their error stage is on the same stream.
      follow(answer.uploadId);
    } else {
      show({stage: 'error', percent: 0, message: `${request.status}: ${answer.error || request.statusText}`});
      setStatus('failed', 'error');
    }
  };
  request.onerror = () => {
    show({stage: 'error', percent: 0, message: 'the connection was lost while sending'});
    setStatus('failed', 'error');
  };
  request.send(data);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (input.files.length > 0) {
    upload(input.files[0]);
  }
});
document.body.dataset.ready = 'true';
