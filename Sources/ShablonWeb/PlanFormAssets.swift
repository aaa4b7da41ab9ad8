/// The editor's script and style: plain JavaScript and CSS, no libraries.
enum PlanFormAssets {
    /// Adds rows from the `<template>`s, removes and moves rows, and names every field by its row's
    /// place (`списки.0.пункты.2.текст`) after each change and before the form is sent, so the names
    /// follow what is on the screen. Without the script the form still posts the rows it was drawn with.
    static let script = #"""
    (function () {
      "use strict";
      function rowsOf(collection) {
        var holder = collection.querySelector(":scope > .rows");
        return holder ? Array.prototype.filter.call(holder.children, function (el) { return el.classList.contains("row"); }) : [];
      }
      function own(row, selector) {
        return Array.prototype.filter.call(row.querySelectorAll(selector), function (el) { return el.closest(".row") === row; });
      }
      function walk(collection, prefix) {
        rowsOf(collection).forEach(function (row, i) {
          var name = prefix + "." + i;
          own(row, "[data-key]").forEach(function (el) {
            if (el.matches("input, textarea, select")) { el.name = name + "." + el.dataset.key; }
            if (el.classList.contains("field")) {
              el.querySelectorAll(".problem").forEach(function (p) { p.dataset.field = name + "." + el.dataset.key; });
            }
          });
          var n = row.querySelector(":scope > legend .n");
          if (n) { n.textContent = String(i + 1); }
          own(row, ".collection[data-sub]").forEach(function (c) {
            if (c.parentElement.closest(".row") === row) { walk(c, name + "." + c.dataset.sub); }
          });
        });
      }
      function renumber(form) {
        form.querySelectorAll(".collection[data-prefix]").forEach(function (c) { walk(c, c.dataset.prefix); });
      }
      function setUp(form) {
        form.addEventListener("click", function (event) {
          var button = event.target.closest("button[data-action]");
          if (!button || !form.contains(button)) { return; }
          var action = button.dataset.action;
          event.preventDefault();
          if (action.indexOf("add-") === 0) {
            var template = document.getElementById("template-" + action.slice(4));
            var collection = button.closest(".collection");
            if (!template || !collection) { return; }
            var holder = collection.querySelector(":scope > .rows");
            holder.appendChild(template.content.cloneNode(true));
            renumber(form);
            var added = rowsOf(collection).pop();
            var first = added && added.querySelector("input[type=text], textarea");
            if (first) { first.focus(); }
            return;
          }
          var row = button.closest(".row");
          if (!row) { return; }
          if (action === "remove") {
            row.remove();
          } else if (action === "up" && row.previousElementSibling) {
            row.parentNode.insertBefore(row, row.previousElementSibling);
            button.focus();
          } else if (action === "down" && row.nextElementSibling) {
            row.parentNode.insertBefore(row.nextElementSibling, row);
            button.focus();
          }
          renumber(form);
        });
        form.addEventListener("submit", function () { renumber(form); });
      }
      // At the end of the page the form is there already; in <head> (defer or not) it comes later.
      var ready = document.getElementById("plan-form");
      if (ready) { setUp(ready); } else {
        document.addEventListener("DOMContentLoaded", function () {
          var form = document.getElementById("plan-form");
          if (form) { setUp(form); }
        });
      }
    })();
    """#

    static let style = #"""
    .plan-form { max-width: 60rem; font: 1rem/1.4 system-ui, sans-serif; }
    .plan-form fieldset { border: 1px solid #bbb; border-radius: .4rem; margin: 0 0 1rem; padding: .6rem 1rem; }
    .plan-form fieldset.block > legend { font-weight: bold; font-size: 1.1rem; }
    .plan-form fieldset.row { background: #fafafa; }
    .plan-form fieldset.row fieldset.row { background: #fff; }
    .plan-form .field { margin: .4rem 0; }
    .plan-form .field label { display: block; }
    .plan-form .field .label { display: block; font-size: .9rem; color: #333; }
    .plan-form .field.check label { display: inline; }
    .plan-form input[type=text], .plan-form textarea { width: 100%; box-sizing: border-box; font: inherit; padding: .25rem .4rem; }
    .plan-form .row-actions { margin-top: .4rem; display: flex; gap: .4rem; }
    .plan-form button { font: inherit; padding: .2rem .6rem; cursor: pointer; }
    .plan-form button.add { margin: .3rem 0; }
    .plan-form button[data-action=remove] { color: #a00; }
    .plan-form .problem { color: #a00; background: #fff3f3; border-left: 3px solid #c00; margin: .2rem 0; padding: .2rem .5rem; }
    .plan-form .problem code { font-size: .85em; color: #700; }
    .plan-form .problems { border: 2px solid #c00; border-radius: .4rem; padding: .4rem 1rem; margin-bottom: 1rem; }
    .plan-form .notice { background: #fff8d8; border: 1px solid #d8b600; padding: .5rem 1rem; border-radius: .4rem; }
    .plan-form .agenda-title { font-weight: bold; margin: .6rem 0 .2rem; }
    .plan-form .actions { position: sticky; bottom: 0; background: #fff; padding: .5rem 0; }
    .plan-form #save { font-weight: bold; padding: .4rem 1.2rem; }
    """#
}
