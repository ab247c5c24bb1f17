// The joulebench HTML report: per-task sortable tables, the task filter, the plots (Vega-Lite
// specs in #jb-plots, drawn by the inlined vega-embed as SVG), and markers a headless browser
// test reads. body[data-jb-status] is "loading" in the HTML, "ready" once every plot is drawn,
// "error" if any script error happened (window.onerror also writes it into #jb-error).
'use strict';

function reportError(message) {
  document.body.dataset.jbStatus = 'error';
  var box = document.getElementById('jb-error');
  if (!box) {
    box = document.createElement('pre');
    box.id = 'jb-error';
    document.body.appendChild(box);
  }
  box.textContent += message + '\n';
}

window.onerror = function (message, source, line) {
  reportError(message + ' (line ' + line + ')');
};
window.addEventListener('unhandledrejection', function (e) {
  reportError('unhandled rejection: ' + e.reason);
});

// The value a cell sorts by: data-value for numbers (empty = missing, sorted last), else text.
function sortKey(cell, numeric) {
  if (!numeric) return cell.textContent.trim().toLowerCase();
  var v = cell.dataset.value;
  return v === '' || v === undefined ? null : Number(v);
}

// Sorts one table (one task's rows) by a column. Every row keeps its cells, the rank among
// them, so ranks stay those of the task's order whatever the column.
function sortTable(table, columnIndex) {
  var header = table.tHead.rows[0].cells[columnIndex];
  var numeric = header.dataset.type === 'number';
  var ascending = header.getAttribute('aria-sort') !== 'ascending';
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    th.removeAttribute('aria-sort');
  });
  header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  rows.sort(function (a, b) {
    var x = sortKey(a.cells[columnIndex], numeric);
    var y = sortKey(b.cells[columnIndex], numeric);
    if (x === null || y === null) return (x === null) - (y === null);  // missing last, always
    var order = x < y ? -1 : x > y ? 1 : 0;
    return ascending ? order : -order;
  });
  rows.forEach(function (row) { body.appendChild(row); });  // a stable sort keeps ties in order
}

Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
    th.addEventListener('click', function () { sortTable(table, i); });
    th.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') sortTable(table, i);
    });
  });
});

// The task filter: sections and contents entries whose task name holds the text stay.
(function () {
  var input = document.getElementById('task-filter');
  if (!input) return;
  var count = document.getElementById('task-filter-count');
  input.addEventListener('input', function () {
    var text = input.value.trim().toLowerCase();
    var shown = 0, all = 0;
    Array.prototype.forEach.call(document.querySelectorAll('section.task, #toc li[data-task]'),
      function (element) {
        var match = element.dataset.task.toLowerCase().indexOf(text) !== -1;
        element.hidden = !match;
        if (element.tagName === 'SECTION') { all += 1; shown += match; }
      });
    count.textContent = text === '' ? '' : shown + ' of ' + all + ' tasks';
  });
})();

function drawPlots() {
  var block = document.getElementById('jb-plots');
  var specs = block ? JSON.parse(block.textContent) : {};
  var ids = Object.keys(specs);
  if (ids.length > 0 && typeof vegaEmbed !== 'function') throw new Error('vega-embed did not load');
  return Promise.all(ids.map(function (id) {
    return vegaEmbed(document.getElementById(id), specs[id],
                     {renderer: 'svg', actions: false, mode: 'vega-lite'});
  }));
}

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

// With #selftest in the URL: in every task's table, click the J/iter heading twice and the rank
// heading once, as a user would, noting each row's rank, place in the task's order, provenance
// and J/iter after each click; for every plot, note its series, legend entries, and where the
// legends lie. All into #jb-selftest as JSON, so a headless browser's DOM dump shows it.
function selfTest() {
  var result = {tasks: [], plots: []};
  Array.prototype.forEach.call(document.querySelectorAll('section.task'), function (section) {
    var table = section.querySelector('table.sortable');
    var heading = function (key) { return table.querySelector('th[data-key="' + key + '"]'); };
    var rows = function () {
      return Array.prototype.map.call(table.tBodies[0].rows, function (row) {
        var cell = function (key) { return row.cells[heading(key).cellIndex]; };
        var rank = parseInt(cell('rank').textContent, 10);
        var energy = cell('energy_J').dataset.value;
        return {rank: isNaN(rank) ? null : rank, order: Number(cell('rank').dataset.value),
                provenance: cell('provenance').textContent.split(' ')[0],
                energy: energy === '' ? null : Number(energy)};
      });
    };
    var task = {task: section.dataset.task, id: section.id, rows: rows()};
    heading('energy_J').click();
    task.ascending = rows();
    heading('energy_J').click();
    task.descending = rows();
    heading('rank').click();
    task.by_rank = rows();
    result.tasks.push(task);
  });
  // The filter, typed into as a user would: "gemv" leaves the sections whose task holds it.
  var filter = document.getElementById('task-filter');
  filter.value = 'gemv';
  filter.dispatchEvent(new Event('input'));
  result.filter_gemv = Array.prototype.map.call(
    document.querySelectorAll('section.task:not([hidden])'), function (s) { return s.dataset.task; });
  filter.value = '';
  filter.dispatchEvent(new Event('input'));
  result.filter_cleared = document.querySelectorAll('section.task:not([hidden])').length;
  Array.prototype.forEach.call(document.querySelectorAll('div.vega'), function (div) {
    var svg = div.querySelector('svg');
    var plot = {id: div.id, series: Number(div.dataset.series), svg: !!svg};
    if (svg) {
      var box = svg.getBoundingClientRect();
      var legends = Array.prototype.map.call(svg.querySelectorAll('g.role-legend'), function (g) {
        return g.getBoundingClientRect();
      });
      var marks = Array.prototype.map.call(
        svg.querySelectorAll('g.role-mark.mark-symbol path, g.role-mark.mark-line path'),
        function (p) { return p.getBoundingClientRect(); });
      plot.legend_labels = svg.querySelectorAll('g.role-legend-label text').length;
      plot.legends = legends.length;
      plot.legends_inside = legends.every(function (l) {
        return l.left >= box.left - 1 && l.right <= box.right + 1 &&
               l.top >= box.top - 1 && l.bottom <= box.bottom + 1;
      });
      plot.marks = svg.querySelectorAll('g.role-mark.mark-symbol path').length;
      plot.marks_under_legends = marks.filter(function (m) {
        return legends.some(function (l) { return overlaps(m, l); });
      }).length;
      plot.width = box.width;
      var select = div.querySelector('select');
      plot.options = select ? select.options.length : 0;
    }
    result.plots.push(plot);
  });
  var out = document.createElement('pre');
  out.id = 'jb-selftest';
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
}

drawPlots().then(function () {
  if (window.location.hash === '#selftest') selfTest();
  if (document.body.dataset.jbStatus !== 'error') document.body.dataset.jbStatus = 'ready';
}).catch(function (e) {
  reportError('plot: ' + (e && e.message ? e.message : e));
});
