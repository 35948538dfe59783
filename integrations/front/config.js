// Where the plugin finds your replylint service. Front loads this page in the teammate's
// browser, so anything here (the token too) is readable by every teammate who can open the
// plugin: give this plugin its own token, and keep the service on your network.
window.REPLYLINT_CONFIG = {
  serviceUrl: "https://replylint.example.com",
  token: "",
  timeoutSeconds: 5,
};
