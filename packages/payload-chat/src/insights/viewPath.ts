/** The insights view's path under the admin route (shared by the config, the view and the nav link). */
export const insightsViewPath = '/chat-insights'
