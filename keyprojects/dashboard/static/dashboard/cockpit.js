// Draws the cockpit's charts from the figures the server computed; no figure is computed here.
(function () {
  const data = JSON.parse(JSON.parse(document.getElementById("cockpit-data").textContent));
  const wall = document.getElementById("cockpit").classList.contains("kp-wall");
  const theme = wall ? "dark" : null;
  const period = `${data.year}-${String(data.month).padStart(2, "0")}`;
  const yi = (wan) => Math.round(wan / 100) / 100;  // 万元 → 亿元 for the axis only
  const make = (id) => { const el = document.getElementById(id); return el ? echarts.init(el, theme) : null; };

  const curve = make("chart-curve");
  curve && curve.setOption({
    tooltip: { trigger: "axis", formatter: KP.axisTip }, legend: { data: ["累计完成", "序时计划"] },
    xAxis: { type: "category", data: data.curve.map((p) => `${p.month}月`) }, yAxis: { type: "value" },
    series: [
      { name: "累计完成", type: "line", data: data.curve.map((p) => yi(p.completed)) },
      { name: "序时计划", type: "line", lineStyle: { type: "dashed" }, data: data.curve.map((p) => yi(p.planned)) },
    ],
  });
  // A month on the curve opens the statistics as they stood at the end of that month.
  curve && curve.on("click", (p) => {
    location.href = `/analytics/?period=${data.year}-${String(data.curve[p.dataIndex].month).padStart(2, "0")}`;
  });

  const regions = make("chart-regions");
  if (regions) {
    regions.setOption({
      tooltip: { formatter: KP.itemTip }, xAxis: { type: "category", data: data.regions.map((r) => r.name), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value", name: "%" },
      series: [{ type: "bar", data: data.regions.map((r) => r.rate), markLine: { data: [{ yAxis: data.figures.time_schedule_rate, name: "序时进度" }] } }],
    });
    regions.on("click", (p) => { location.href = `/analytics/?period=${period}&region=${encodeURIComponent(data.regions[p.dataIndex].code)}`; });
  }

  const colors = make("chart-colors");
  if (colors) {
    const palette = { "绿": "#198754", "白": "#ced4da", "黄": "#ffc107", "红": "#dc3545" };
    colors.setOption({
      tooltip: { formatter: KP.itemTip }, series: [{ type: "pie", radius: ["40%", "70%"],
        data: data.colors.map((c) => ({ name: c.color, value: c.count, itemStyle: { color: palette[c.color] } })) }],
    });
    colors.on("click", (p) => { location.href = `/analytics/colors/?period=${period}&color=${encodeURIComponent(p.name)}`; });
  }

  const funnel = data.funnel && make("chart-funnel");
  if (funnel) {
    funnel.setOption({ tooltip: { formatter: KP.itemTip }, series: [{ type: "funnel", sort: "none",
      data: data.funnel.map((s) => ({ name: s.label, value: s.count })) }] });
    funnel.on("click", (p) => { location.href = `/attraction/?stage=${data.funnel[p.dataIndex].stage}`; });
  }
  window.addEventListener("resize", () => [curve, regions, colors, funnel].forEach((c) => c && c.resize()));
})();
