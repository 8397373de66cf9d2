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
