// The joulebench HTML report: sortable tables, and markers a headless browser test reads.
// body[data-jb-status] is "loading" in the HTML, "ready" once this script has run, "error" if
// any script error happened (window.onerror also writes it into #jb-error).
'use strict';

window.onerror = function (message, source, line) {
  document.body.dataset.jbStatus = 'error';
  var box = document.getElementById('jb-error');
  if (!box) {
    box = document.createElement('pre');
    box.id = 'jb-error';
    document.body.appendChild(box);
  }
  box.textContent += message + ' (line ' + line + ')\n';
};

// The value a cell sorts by: data-value for numbers (empty = missing, sorted last), else text.
function sortKey(cell, numeric) {
  if (!numeric) return cell.textContent.trim().toLowerCase();
  var v = cell.dataset.value;
  return v === '' || v === undefined ? null : Number(v);
}

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

// With #selftest in the URL: click the leaderboard's J/iter heading twice, as a user would, and
// write the column's data-values in row order after each click into #jb-selftest, so a headless
// browser's DOM dump shows whether sorting works.
function selfTest() {
  var table = document.getElementById('leaderboard-table');
  var out = document.createElement('pre');
  out.id = 'jb-selftest';
  if (!table) {
    out.textContent = 'no leaderboard table';
  } else {
    var header = table.querySelector('th[data-key="energy_J"]');
    var index = header.cellIndex;
    var column = function () {
      return Array.prototype.map.call(table.tBodies[0].rows, function (row) {
        return row.cells[index].dataset.value;
      }).join(',');
    };
    header.click();
    out.dataset.ascending = column();
    header.click();
    out.dataset.descending = column();
    out.textContent = 'sorted by ' + header.textContent;
  }
  document.body.appendChild(out);
}

if (window.location.hash === '#selftest') selfTest();
if (document.body.dataset.jbStatus !== 'error') document.body.dataset.jbStatus = 'ready';
