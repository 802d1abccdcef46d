// Read the withdraw history: GET /withdraw/history (not /withdraw/create, as the original sample has it).
import { BASE_URL, checked, getAuthHeaders } from "./auth_headers.mjs";

const query = { ordering: "-created_at", limit: "20" };
const page = await checked(
  await fetch(`${BASE_URL}/withdraw/history?${new URLSearchParams(query)}`, {
    headers: getAuthHeaders(query),
  }),
);
console.log(page.count, "withdrawals; next page:", page.next);
for (const withdrawal of page.results) {
  console.log(withdrawal.id, withdrawal.amount, withdrawal.ticker, withdrawal.status);
}
