// The "as of" slider: moving it shows the record after that event. Without JavaScript the button does the same.
const slider = document.getElementById('at');
if (slider) {
  slider.addEventListener('change', () => slider.form.requestSubmit());
}
