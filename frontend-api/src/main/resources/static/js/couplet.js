// Live character counts under each line of the couplet form, counted as the competition counts them: characters
// (code points), without the whitespace and punctuation at either end. The competition itself decides on submit.
const form = document.querySelector('form.couplet');
const count = (text) => [...text.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '')].length;
if (form) {
  const lines = ['upperLine', 'lowerLine', 'horizontalScroll'].map((id) => document.getElementById(id));
  const check = document.getElementById('couplet-check');
  const update = () => {
    for (const line of lines) {
      const shown = document.getElementById(line.id + '-count');
      shown.textContent = shown.dataset.template.replace('{0}', count(line.value));
    }
    const [upper, lower] = lines.map((line) => count(line.value));
    check.textContent = upper > 0 && lower > 0 && upper !== lower ? form.dataset.unequal : '';
  };
  lines.forEach((line) => line.addEventListener('input', update));
  update();
}
