// Create a withdrawal (form body) with a client_order_id, so that a retry is safe.
import { randomUUID } from "node:crypto";
import { BASE_URL, checked, getAuthHeaders } from "./auth_headers.mjs";

const body = {
  ticker: "USDT",
  network: "tron",
  address: "TR4d6N2HoC3Annqt2JK6HhQWuNARMNx5pW",
  amount: "22", // a decimal string: JavaScript numbers are binary floats
  comment: "Call after success", // spaces are fine: the signature uses what is sent
  client_order_id: `order-${randomUUID()}`,
  fee_payer: "1",
};

let response;
for (let attempt = 0; attempt < 3; attempt += 1) {
  // Safe to retry: the same client_order_id never creates a second withdrawal.
  response = await fetch(`${BASE_URL}/withdraw/create`, {
    method: "POST",
    headers: getAuthHeaders(body),
    body: new URLSearchParams(body),
  });
  if (response.status !== 429 && response.status !== 502) break;
}
const withdrawal = await checked(response); // 201 new, 200 a repeat of the same request
console.log("withdrawal", withdrawal.id, "status", withdrawal.status, "fee", withdrawal.fee);
