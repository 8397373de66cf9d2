// Apache ECharts on the dashboards, served by the app (wwwroot/lib/echarts, no CDN). Options come from C# as JSON; the
// few things JSON cannot carry (tooltip text per item, the county names on the map) are wired here.
window.xfCharts = (function () {
    const charts = new Map();
    let guangxi = null;

    function loadGuangxi() {
        if (!guangxi) {
            guangxi = fetch('lib/guangxi/guangxi-counties.json', { credentials: 'same-origin' })
                .then(function (r) { return r.json(); })
                .then(function (geo) {
                    const labels = {};
                    geo.features.forEach(function (f) { labels[f.properties.name] = f.properties.label; });
                    echarts.registerMap('guangxi', geo);
                    return labels;
                });
        }
        return guangxi;
    }

    // Each data item may carry "tip" (the tooltip, already in the reader's language); map items are named by county code.
    function decorate(option, labels) {
        option.tooltip = Object.assign({
            confine: true,
            formatter: function (p) {
                if (p.data && p.data.tip) return p.data.tip;
                const name = labels && labels[p.name] || p.name;
                return p.seriesName && p.seriesType !== 'map' && p.seriesType !== 'pie' ? p.seriesName + '<br/>' + name + '：' + p.value : name;
            }
        }, option.tooltip || {});
        (option.series || []).forEach(function (s) {
            if (s.type === 'map' && labels) {
                s.label = Object.assign({ formatter: function (p) { return labels[p.name] || p.name; } }, s.label || {});
            }
        });
        return option;
    }

    // "guangxi:4501" is one city's counties only (a coordinator's map): the outlines whose 2021 code starts with the city's.
    function registerCity(name) {
        if (echarts.getMap(name)) return;
        const city = name.substring('guangxi:'.length);
        const geo = echarts.getMap('guangxi').geoJSON || echarts.getMap('guangxi').geoJson;
        echarts.registerMap(name, {
            type: 'FeatureCollection',
            features: geo.features.filter(function (f) { return String(f.properties.name).indexOf(city) === 0; })
        });
    }

    function render(id, option, dotnet) {
        const el = document.getElementById(id);
        if (!el || !window.echarts) return Promise.resolve(false);
        const maps = (option.series || []).filter(function (s) { return s.type === 'map' && typeof s.map === 'string' && s.map.indexOf('guangxi') === 0; });
        return (maps.length ? loadGuangxi() : Promise.resolve(null)).then(function (labels) {
            maps.forEach(function (s) { if (s.map !== 'guangxi') registerCity(s.map); });
            let chart = charts.get(id);
            if (!chart || chart.isDisposed()) {
                chart = echarts.init(el, null, { renderer: 'canvas' });
                charts.set(id, chart);
                // Fit the box when it changes, but not a box that has left the page or has no size (a page being left, a
                // hidden tab): a map fitted to 0×0 inverts a zero scale and ECharts throws.
                new ResizeObserver(function () {
                    if (!chart.isDisposed() && el.isConnected && el.clientWidth > 0 && el.clientHeight > 0) chart.resize();
                }).observe(el);
            }
            chart.off('click');
            if (dotnet) {
                chart.on('click', function (p) {
                    const key = p.data && p.data.key !== undefined ? String(p.data.key) : (p.name || '');
                    // The component may be gone (the page left) by the time the click arrives: nothing to tell then;
                    // any other failure is reported.
                    dotnet.invokeMethodAsync('OnChartClick', key, p.seriesName || '', p.dataIndex === undefined ? -1 : p.dataIndex)
                        .catch(function (e) { if (!/no tracked object/i.test(String(e && e.message || e))) console.error(e); });
                });
            }
            chart.setOption(decorate(option, labels), true);
            el.setAttribute('data-rendered', 'true');
            return true;
        });
    }

    function dispose(id) {
        const chart = charts.get(id);
        if (chart && !chart.isDisposed()) chart.dispose();
        charts.delete(id);
    }

    return { render: render, dispose: dispose };
})();
