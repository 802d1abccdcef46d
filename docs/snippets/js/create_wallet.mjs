// Create a deposit wallet, sending a form body as the original sample does.
import { BASE_URL, checked, getAuthHeaders } from "./auth_headers.mjs";

const body = {
  ticker: "ETH",
  network: "ethereum",
  convert_ticker: "USDT",
  convert_limit: "10000", // decimal strings, never JavaScript numbers
  convert_percent: "2",
};

const wallet = await checked(
  await fetch(`${BASE_URL}/wallet/create`, {
    method: "POST",
    headers: getAuthHeaders(body),
    body: new URLSearchParams(body), // application/x-www-form-urlencoded
  }),
);
console.log("deposit address:", wallet.address, "converts to", wallet.convert_ticker);
