// The JSON API (docs/api.md), always on the page's own origin.
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export async function api(path, params = {}) {
  const query = toQuery(params);
  const response = await fetch(`/api/v1/${path}${query ? `?${query}` : ''}`, {
    headers: { Accept: 'application/json' },
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, `the server answered ${response.status} without JSON`);
  }
  if (!response.ok) throw new ApiError(response.status, body?.error?.message || `HTTP ${response.status}`);
  return body;
}

// Repeated parameters (actor=A&actor=B) come from arrays; empty values are left out.
export function toQuery(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== '') search.append(name, item);
    }
  }
  return search.toString();
}
