// The project map: county boundaries shipped with the platform (no tiles from the internet) and one
// point per project in its colour. A click opens the project.
(function () {
  const points = JSON.parse(JSON.parse(document.getElementById("map-points").textContent));
  const config = document.getElementById("map-config").dataset;
  const palette = { "绿": "#198754", "白": "#adb5bd", "黄": "#ffc107", "红": "#dc3545" };
  const chart = echarts.init(document.getElementById("project-map"));
  const withBoundary = Boolean(config.boundary) && echarts.getMap(config.map);
  const series = ["红", "黄", "白", "绿"].map((color) => ({
    name: color, type: "scatter", coordinateSystem: withBoundary ? "geo" : "cartesian2d", symbolSize: 9,
    itemStyle: { color: palette[color] }, data: points.filter((p) => p.color === color),
    tooltip: { formatter: (p) => KP.tip(p.data.name, [[palette[color], `${p.data.region} · ${color}`]]) },
  }));
  const option = { tooltip: { formatter: KP.itemTip }, legend: { data: ["红", "黄", "白", "绿"] }, series };
  if (withBoundary) {
    option.geo = { map: config.map, roam: true, label: { show: true, color: "#555" },
      itemStyle: { areaColor: "#f3f6fa", borderColor: "#6c8ebf" } };
  } else {
    option.xAxis = { type: "value", scale: true, name: "经度" };
    option.yAxis = { type: "value", scale: true, name: "纬度" };
  }
  chart.setOption(option);
  chart.on("click", (p) => { if (p.data && p.data.id) location.href = `/projects/${p.data.id}/`; });
  window.addEventListener("resize", () => chart.resize());
})();
