// The login form: POST /api/v1/session, keep the session in this tab, go where the user was headed.
import { api } from "./api.js";
import { saveSession } from "./session.js";

// Only a path on this server: "next" must not send the user (and their attention) elsewhere.
function destination() {
  const next = new URLSearchParams(location.search).get("next") || "/";
  return next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

const loginForm = document.getElementById("login");
loginForm.addEventListener("submit", async (e) => {
  e.preventDefault();
  const form = e.target;
  const error = document.getElementById("login-error");
  error.textContent = "";
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const session = await api("POST", "/api/v1/session", {
      username: form.username.value.trim(),
      password: form.password.value,
    });
    saveSession(session);
    location.assign(destination());
  } catch (err) {
    error.textContent = err.message;
    form.password.value = "";
    form.password.focus();
  } finally {
    button.disabled = false;
  }
});

// The form is ours now: the button (disabled in the page until this line) may be used.
loginForm.querySelector("button").disabled = false;
