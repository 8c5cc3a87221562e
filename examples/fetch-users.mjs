// An async job (an ES module with top-level await): one user lookup fails after an await.
const users = new Map([[1, { name: 'ada' }], [2, { name: 'grace' }]]);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function fetchUser(id) {
  await sleep(10);
  const user = users.get(id);
  if (!user) throw new Error(`no user with id ${id}`);
  return user;
}

async function report(ids) {
  const names = [];
  for (const id of ids) names.push((await fetchUser(id)).name);
  return names.join(', ');
}

console.log(await report([1, 2, 3]));
