// Read the wallet history (deposits): a GET signs its query parameters.
import { BASE_URL, checked, getAuthHeaders } from "./auth_headers.mjs";

const query = { ticker: "USDT", status: "5", limit: "50" };
const page = await checked(
  await fetch(`${BASE_URL}/wallet/history?${new URLSearchParams(query)}`, {
    headers: getAuthHeaders(query),
  }),
);
console.log(page.count, "confirmed USDT deposits");
for (const deposit of page.results) {
  console.log(deposit.txid, deposit.amount, deposit.status);
}
