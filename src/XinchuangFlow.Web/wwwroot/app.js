// Served by the app itself (no CDN). Warns before leaving the designer with unsaved changes.
window.xfDesigner = {
    setDirty: function (dirty) {
        window.onbeforeunload = dirty ? function (e) { e.preventDefault(); e.returnValue = ''; return ''; } : null;
    },
    download: function (name, text) {
        const blob = new Blob([text], { type: 'application/json' });
        const a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = name;
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
    }
};

// The technician's position at check-in, when they allow it; null when refused, unavailable or too slow.
window.xfGeo = {
    locate: function (timeoutMs) {
        return new Promise(function (resolve) {
            if (!navigator.geolocation) { resolve(null); return; }
            navigator.geolocation.getCurrentPosition(
                function (p) { resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude, accuracy: p.coords.accuracy }); },
                function () { resolve(null); },
                { enableHighAccuracy: true, timeout: timeoutMs || 8000, maximumAge: 60000 });
        });
    }
};

// Brings what a page just showed (a confirmation below the fold) into view.
window.xfScroll = {
    into: function (selector) {
        const e = document.querySelector(selector);
        if (e) e.scrollIntoView({ block: 'center', behavior: 'smooth' });
    }
};
