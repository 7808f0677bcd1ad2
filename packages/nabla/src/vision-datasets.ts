/** `torchvision.datasets`, and the CSV tables the course reads with pandas. */
export {
  CIFAR10,
  CsvDataset,
  FashionMNIST,
  ImageFolder,
  MNIST,
  readCsvDataset,
} from '@nabla/datasets';
