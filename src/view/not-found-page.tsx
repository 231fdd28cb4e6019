import { Layout } from './layout'
import type { Links } from './links'

/** The page of an unknown route, or of a benchmark or run that is not there. */
export function NotFoundPage(props: { links: Links; message: string }): string {
  return Layout({
    links: props.links,
    title: 'Not found · bench-plot',
    heading: 'Not found',
    children: (
      <div class="notfound">
        <h2>404: nothing here</h2>
        <p safe>{props.message}</p>
        <p>
          <a href={props.links.index()}>See every benchmark</a>
        </p>
      </div>
    ) as string,
  })
}

/** The page of any other error; the message is written for the user. */
export function ErrorPage(props: { links: Links; status: number; message: string }): string {
  return Layout({
    links: props.links,
    title: 'Error · bench-plot',
    heading: 'Error',
    children: (
      <div class="notfound">
        <h2>{props.status}</h2>
        <p safe>{props.message}</p>
      </div>
    ) as string,
  })
}
