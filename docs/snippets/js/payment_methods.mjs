// List the payment methods (GET: the signature covers the query, here empty).
import { BASE_URL, checked, getAuthHeaders } from "./auth_headers.mjs";

const methods = await checked(
  await fetch(`${BASE_URL}/payment-methods`, { headers: getAuthHeaders() }),
);
for (const method of methods) {
  console.log(method.ticker, method.network, "min withdraw", method.min_withdraw);
}
