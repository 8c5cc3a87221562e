// Plain CommonJS: a ratio computed from a parsed record throws deep in a call chain.
class Inventory {
  constructor(items) {
    this.items = items;
  }

  ratio(name) {
    const item = this.items.find((i) => i.name === name);
    return item.sold / item.stock;
  }
}

function summarize(inventory, names) {
  return names.map((name) => `${name}: ${inventory.ratio(name).toFixed(2)}`);
}

const inventory = new Inventory(JSON.parse('[{"name":"bolts","sold":30,"stock":120}]'));
console.log(summarize(inventory, ['bolts', 'nuts']).join('\n'));
