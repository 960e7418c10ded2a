// The behaviour every page shares. The Content-Security-Policy forbids inline script, so templates declare
// behaviour with data- attributes and this file wires it up:
//   data-confirm="…"       on a button: asks that question before the form is sent
//   data-autosubmit        on a select: sends its form when the choice changes
//   data-navigate          on a select: opens the chosen option's data-url
//   data-check-all="name"  on a checkbox: ticks or clears every checkbox called `name`
//   data-left="12.5"       places an element that many percent from the left (the battle map's nodes)
// Charts build their tooltips with KP.tip, KP.itemTip and KP.axisTip: text nodes, never HTML, so a project
// or region name from the data is shown as written and never runs.
(function () {
  document.addEventListener("click", (event) => {
    const asking = event.target.closest("[data-confirm]");
    if (asking && !window.confirm(asking.dataset.confirm)) event.preventDefault();
    const all = event.target.closest("[data-check-all]");
    if (all) {
      document.querySelectorAll(`input[type=checkbox][name="${CSS.escape(all.dataset.checkAll)}"]`)
        .forEach((box) => { box.checked = all.checked; });
    }
  });
  document.addEventListener("change", (event) => {
    const select = event.target;
    if (select.matches("select[data-autosubmit]")) select.form.requestSubmit();
    if (select.matches("select[data-navigate]")) location.href = select.selectedOptions[0].dataset.url;
  });
  // Positions set through the CSS object model are allowed by the policy; style="" attributes are not.
  const place = () => document.querySelectorAll("[data-left]").forEach((el) => { el.style.left = `${el.dataset.left}%`; });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", place);
  else place();

  // A tooltip: a title line, then one line per [colour, text] (colour may be empty).
  function tip(title, lines) {
    const box = document.createElement("div");
    const head = box.appendChild(document.createElement("div"));
    head.className = "kp-tip-title";
    head.textContent = title;
    lines.forEach(([color, text]) => {
      const line = box.appendChild(document.createElement("div"));
      if (color && typeof color === "string") {
        const dot = line.appendChild(document.createElement("span"));
        dot.className = "kp-tip-dot";
        dot.style.backgroundColor = color;
      }
      line.appendChild(document.createTextNode(text));
    });
    return box;
  }
  const valueOf = (p) => (Array.isArray(p.value) ? p.value[p.value.length - 1] : p.value);
  const labelled = (p) => (p.seriesName && !p.seriesName.startsWith("series") ? `${p.seriesName}：${valueOf(p)}` : `${valueOf(p)}`);
  window.KP = {
    tip,
    // tooltip.trigger "item": the item's name, then its series and value.
    itemTip: (p) => tip(p.name, [[p.color, labelled(p)]]),
    // tooltip.trigger "axis": the axis value, then one line per series.
    axisTip: (params) => tip(params[0].axisValueLabel, params.map((p) => [p.color, labelled(p)])),
  };
})();
