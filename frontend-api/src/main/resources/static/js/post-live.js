// Live counts on a post's page: the server sends the counts at every change (Server-Sent Events).
// Without JavaScript the page shows the counts as they were when it was loaded.
const counts = document.querySelector('[data-stream]');
if (counts && 'EventSource' in window) {
  const source = new EventSource(counts.dataset.stream);
  source.addEventListener('counts', (event) => {
    const post = JSON.parse(event.data);
    document.getElementById('confirmed').textContent = post.confirmed;
    document.getElementById('waitlisted').textContent = post.waitlisted;
    const label = counts.getAttribute('data-status-' + post.status);
    if (label) {
      document.getElementById('status').textContent = label;
    }
  });
  addEventListener('pagehide', () => source.close());
}
