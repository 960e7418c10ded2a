// The body's totals and ranks across the periods of the same scheme, as computed on the server.
(function () {
  const data = JSON.parse(document.getElementById("trend-data").textContent);
  const chart = echarts.init(document.getElementById("chart-trend"));
  chart.setOption({
    tooltip: { trigger: "axis", formatter: KP.axisTip }, legend: { data: ["得分", "名次"] },
    xAxis: { type: "category", data: data.periods },
    yAxis: [{ type: "value", name: "得分" }, { type: "value", name: "名次", inverse: true, minInterval: 1 }],
    series: [
      { name: "得分", type: "line", data: data.totals },
      { name: "名次", type: "line", yAxisIndex: 1, data: data.ranks },
    ],
  });
})();
